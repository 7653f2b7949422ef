package cn.jianbao.intake;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * An item's urgency and, once the deadline table has answered, its deadline and how late it came
 * (null without an event time: then nobody can say).
 */
public record Timeliness(Urgency urgency, OffsetDateTime deadline, Long lateSeconds) {

    public boolean known() {
        return lateSeconds != null;
    }

    public boolean late() {
        return lateSeconds != null && lateSeconds > 0;
    }

    /** "迟报2小时15分", for people. */
    public static String label(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder b = new StringBuilder();
        if (days > 0) {
            b.append(days).append("天");
        }
        if (hours > 0) {
            b.append(hours).append("小时");
        }
        if (minutes > 0 || b.isEmpty()) {
            b.append(Math.max(minutes, seconds < 60 ? 1 : 0)).append("分钟");
        }
        return b.toString();
    }
}
