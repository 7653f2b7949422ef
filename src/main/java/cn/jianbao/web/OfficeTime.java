package cn.jianbao.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The office's time zone ({@code jianbao.time-zone}, Beijing time by default): the days of
 * date filters, the year of an issue's number, and every time our pages and Tasklist show,
 * whatever zone the server or the browser runs in.
 */
@Component
public class OfficeTime {

    private final ZoneId zone;
    private final java.time.Clock clock;

    /** The office's zone on the system clock (for code outside the application context). */
    public OfficeTime(String zone) {
        this(zone, java.time.Clock.systemUTC());
    }

    /** The application's one clock: tests move it instead of rewriting timestamps. */
    @org.springframework.beans.factory.annotation.Autowired
    public OfficeTime(@Value("${jianbao.time-zone:Asia/Shanghai}") String zone, java.time.Clock clock) {
        this.clock = clock;
        try {
            this.zone = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalStateException("jianbao.time-zone: unknown time zone '" + zone
                    + "', expected e.g. Asia/Shanghai", e);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** Now, by the application's clock, in UTC (how timestamps are stored). */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    /** The office's today, by the application's clock. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * The start of a day given as yyyy-MM-dd in a query parameter, in the office's zone;
     * {@code plusDays} 1 gives the end of a range that includes the day. Null when not given.
     */
    public OffsetDateTime startOfDay(String field, String value, int plusDays) {
        LocalDate day = Inputs.day(field, value);
        return day == null ? null : day.plusDays(plusDays).atStartOfDay(zone).toOffsetDateTime();
    }
}
