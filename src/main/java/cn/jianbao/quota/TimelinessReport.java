package cn.jianbao.quota;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.intake.Timeliness;
import cn.jianbao.intake.Urgency;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.OfficeTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Per unit over a stretch of days: how many items came on time, and which came late by how much. */
@Service
public class TimelinessReport {

    private final JdbcClient jdbc;
    private final Directory directory;
    private final OfficeTime time;

    TimelinessReport(JdbcClient jdbc, Directory directory, OfficeTime time) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.time = time;
    }

    record LateItem(UUID id, String title, String urgency, String urgencyLabel, OffsetDateTime eventTime,
                    OffsetDateTime submittedAt, String lateBy, String lateByLabel) {
    }

    /** {@code onTimeRate}: on time among items with an event time (null when there are none). */
    record UnitTimeliness(Map<String, String> unit, int submitted, int withEventTime, int onTime, int late,
                          BigDecimal onTimeRate, List<LateItem> lateItems) {
    }

    record Report(LocalDate from, LocalDate to, int submitted, int withEventTime, int onTime, int late,
                  BigDecimal onTimeRate, List<UnitTimeliness> units) {
    }

    public Report report(Person me, LocalDate from, LocalDate to) {
        LocalDate today = time.today();
        LocalDate f = from == null ? today.withDayOfMonth(1) : from;
        LocalDate t = to == null ? today : to;
        if (t.isBefore(f)) {
            throw new BadRequestException("to", "结束日期不能早于开始日期。");
        }
        if (f.plusYears(5).isBefore(t)) {
            throw new BadRequestException("from", "一次最多统计5年。");
        }
        List<UnitDetails> units = directory.units().stream().filter(u -> u.kind() != UnitKind.OFFICE)
                .filter(u -> ReadPolicy.seesEverything(me) || u.code().equals(me.unitCode())).toList();
        Map<String, int[]> counts = new HashMap<>();
        Map<String, List<LateItem>> lateItems = new HashMap<>();
        jdbc.sql("""
                select id, unit_code, title, urgency, event_time, submitted_at, late_seconds from submission
                where submitted_at >= ? and submitted_at < ? order by submitted_at""")
                .params(f.atStartOfDay(time.zone()).toOffsetDateTime(), t.plusDays(1).atStartOfDay(time.zone()).toOffsetDateTime())
                .query(rs -> {
                    String unit = rs.getString("unit_code");
                    int[] c = counts.computeIfAbsent(unit, k -> new int[4]);
                    c[0]++;
                    Long late = (Long) rs.getObject("late_seconds");
                    if (late != null) {
                        c[1]++;
                        if (late > 0) {
                            c[3]++;
                            Urgency u = Urgency.of(rs.getString("urgency"));
                            lateItems.computeIfAbsent(unit, k -> new ArrayList<>()).add(new LateItem(
                                    rs.getObject("id", UUID.class), rs.getString("title"), u.code(), u.label(),
                                    rs.getObject("event_time", OffsetDateTime.class),
                                    rs.getObject("submitted_at", OffsetDateTime.class), Duration.ofSeconds(late).toString(),
                                    "迟报" + Timeliness.label(late)));
                        } else {
                            c[2]++;
                        }
                    }
                });
        List<UnitTimeliness> out = new ArrayList<>();
        int[] total = new int[4];
        for (UnitDetails u : units) {
            int[] c = counts.getOrDefault(u.code(), new int[4]);
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
            Map<String, String> unit = new LinkedHashMap<>();
            unit.put("code", u.code());
            unit.put("name", u.name());
            out.add(new UnitTimeliness(unit, c[0], c[1], c[2], c[3], rate(c[2], c[1]),
                    lateItems.getOrDefault(u.code(), List.of())));
        }
        return new Report(f, t, total[0], total[1], total[2], total[3], rate(total[2], total[1]), out);
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
