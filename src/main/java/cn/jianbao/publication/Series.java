package cn.jianbao.publication;

/** Issue series (seed 000: 专报, 简报, 通报; seed 003: 快报). Each is numbered per year. */
public enum Series {
    BRIEFING("简报"),
    SPECIAL("专报"),
    CIRCULAR("通报"),
    FLASH("快报");

    private final String label;

    Series(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static Series of(String code) {
        return valueOf(code.toUpperCase());
    }
}
