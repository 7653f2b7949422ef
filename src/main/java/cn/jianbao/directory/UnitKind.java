package cn.jianbao.directory;

import java.util.Arrays;
import java.util.Optional;

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

    /** A kind by its code or its Chinese label. */
    public static Optional<UnitKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(k -> k.code().equalsIgnoreCase(t) || k.label.equals(t)).findFirst();
    }
}
