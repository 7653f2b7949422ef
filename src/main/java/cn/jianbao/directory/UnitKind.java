package cn.jianbao.directory;

/** Quotas differ by kind (seed 000): towns report weekly, member units every half month. */
public enum UnitKind {
    TOWN("乡镇街道"),
    MEMBER("成员单位"),
    OFFICE("协调办公室");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static UnitKind of(String code) {
        return valueOf(code.toUpperCase());
    }
}
