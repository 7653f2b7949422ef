package cn.jianbao.intake;

/** Kinds of item (seed 003) plus news leads (seed 000), which need a short explanation. */
public enum SubmissionKind {
    DYNAMIC("动态信息", "内容简短、时效性较强（一般不超过3天）的工作动态、重要活动。"),
    RESEARCH("调研信息", "内容较长，有情况、有分析、有思考、有建议的调研材料。"),
    CASE("案件信息", "经执法部门查证属实的案件情况；注意保密，不得写入举报人和信息员的个人信息。"),
    SPECIAL("专报素材", "重要情况、重大事项，供编发专报呈报领导参阅。"),
    NEWS_LEAD("宣传报道线索", "可供媒体采访报道的线索，须附简要情况说明，经本单位主管领导审核。");

    private final String label;
    private final String hint;

    SubmissionKind(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    /** What belongs in this kind (seed 003), shown beside the choice. */
    public String hint() {
        return hint;
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
