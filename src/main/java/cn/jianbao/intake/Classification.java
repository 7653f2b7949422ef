package cn.jianbao.intake;

/** How far an item may spread (seed 003 保密; seed 000 严格限定发放范围). */
public enum Classification {
    PUBLIC("公开"),
    INTERNAL("内部"),
    RESTRICTED("限定范围");

    private final String label;

    Classification(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static Classification of(String code) {
        return valueOf(code.toUpperCase());
    }
}
