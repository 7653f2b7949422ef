package cn.jianbao.access;

/**
 * How far a published item may spread (seed 003 保密; seed 000 严格限定发放范围). While its path
 * runs, every item is its unit's and the office's only, whatever its classification.
 * <ul>
 * <li>{@code public}: every user; the only class whose content may later leave the system
 *     (media, chat channels, e-mail);</li>
 * <li>{@code internal}: users of the network's units; never exported;</li>
 * <li>{@code restricted}: the office, the submitting unit and the distribution.</li>
 * </ul>
 */
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
