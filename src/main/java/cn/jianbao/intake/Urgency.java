package cn.jianbao.intake;

import java.util.Arrays;
import java.util.Optional;

/** How urgent an item is (seed 003): its deadline, counted from the event, is in the report deadline table. */
public enum Urgency {
    MAJOR("重大突发事件", "1小时内"),
    DECISION("贯彻落实上级决策部署、重大举措", "1天内"),
    ROUTINE("日常工作动态", "1周内");

    private final String label;
    private final String usualDeadline;

    Urgency(String label, String usualDeadline) {
        this.label = label;
        this.usualDeadline = usualDeadline;
    }

    public String label() {
        return label;
    }

    /** The seed's deadline, shown beside the choice (the table may say otherwise). */
    public String usualDeadline() {
        return usualDeadline;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static Urgency of(String code) {
        return valueOf(code.toUpperCase());
    }

    public static Optional<Urgency> parse(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(u -> u.code().equals(code.strip().toLowerCase())).findFirst();
    }
}
