package cn.jianbao.quota;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * 催报 schedule: units are reminded of a window ending within {@code remindDaysBefore} days; their
 * leaders after {@code escalateAfter} if still short. The daily run's time is
 * {@code jianbao.quotas.remind-cron} (office time zone).
 */
@ConfigurationProperties("jianbao.quotas")
public record QuotaProperties(Integer remindDaysBefore, Duration escalateAfter) {

    public QuotaProperties {
        remindDaysBefore = remindDaysBefore == null ? 2 : remindDaysBefore;
        escalateAfter = escalateAfter == null ? Duration.ofHours(24) : escalateAfter;
    }
}
