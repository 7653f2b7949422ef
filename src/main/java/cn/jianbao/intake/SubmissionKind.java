package cn.jianbao.intake;

/** Kinds of item (seed 003) plus news leads (seed 000), which need a short explanation. */
public enum SubmissionKind {
    DYNAMIC("动态信息"),
    RESEARCH("调研信息"),
    CASE("案件信息"),
    SPECIAL("专报素材"),
    NEWS_LEAD("宣传报道线索");

    private final String label;

    SubmissionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static SubmissionKind of(String code) {
        return valueOf(code.toUpperCase());
    }
}
