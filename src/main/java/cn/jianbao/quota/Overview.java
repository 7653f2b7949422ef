package cn.jianbao.quota;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.OfficeTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the office's dashboard shows (office and auditors): the period's submissions, adoptions and
 * on-time rate, the quota grid of units by week, twelve weeks of trend, and the units needing attention.
 */
@Service
class Overview {

    private final Quotas quotas;
    private final TimelinessReport timeliness;
    private final Directory directory;
    private final JdbcClient jdbc;
    private final OfficeTime time;

    Overview(Quotas quotas, TimelinessReport timeliness, Directory directory, JdbcClient jdbc, OfficeTime time) {
        this.quotas = quotas;
        this.timeliness = timeliness;
        this.directory = directory;
        this.jdbc = jdbc;
        this.time = time;
    }

    record Cell(String week, String status, int submitted, int required, String window) {
    }

    record Row(Map<String, String> unit, String status, int submitted, int adopted, List<Cell> cells) {
    }

    record Week(String key, String label, LocalDate from, LocalDate to, int submitted, int adopted) {
    }

    record Attention(Map<String, String> unit, List<String> reasons) {
    }

    record View(Map<String, Object> period, Map<String, Object> totals, List<Week> weeks, List<Row> grid,
                List<Week> trend, List<Attention> attention) {
    }

    /** The period's view (a week, month, quarter or year key; the current month by default). */
    View of(Person me, String period) {
        if (!ReadPolicy.seesEverything(me)) {
            throw new ForbiddenException("工作概况只对协调办公室和审计人员开放。");
        }
        LocalDate today = time.today();
        Window p = Window.parse(period, today);
        List<UnitDetails> units = directory.units().stream().filter(u -> u.active() && u.kind() != UnitKind.OFFICE).toList();
        List<Quotas.UnitQuota> quota = quotas.compute(units, p.from(), p.to(), today);
        LocalDate until = p.to().isAfter(today) ? today : p.to();
        TimelinessReport.Report t = timeliness.report(me, p.from(), until.isBefore(p.from()) ? p.from() : until);

        List<Window> weekWindows = Window.overlapping("week", p.from(), p.to(), today);
        List<Week> weeks = counts(weekWindows);
        List<Row> grid = new ArrayList<>();
        List<Attention> attention = new ArrayList<>();
        Map<String, Integer> perWeek = weekly(weekWindows);
        Map<String, TimelinessReport.UnitTimeliness> late = new HashMap<>();
        t.units().forEach(u -> late.put(u.unit().get("code"), u));
        for (Quotas.UnitQuota q : quota) {
            List<Cell> cells = new ArrayList<>();
            Quotas.Line briefing = q.lines().stream().filter(l -> l.itemKind().equals("briefing")).findFirst().orElse(null);
            for (Window w : weekWindows) {
                // the briefing window this week falls in (a town's week, a member unit's half month)
                Quotas.WindowStatus ws = briefing == null ? null : briefing.windows().stream()
                        .filter(x -> !x.from().isAfter(w.to()) && !x.to().isBefore(w.from()))
                        .reduce((a, b) -> b).orElse(null);
                int inWeek = perWeek.getOrDefault(q.unit().get("code") + "|" + w.key(), 0);
                cells.add(new Cell(w.key(), ws == null ? "none" : ws.status(), inWeek, ws == null ? 0 : ws.required(),
                        ws == null ? null : ws.label()));
            }
            grid.add(new Row(q.unit(), q.status(), q.submitted(), q.adopted(), cells));
            List<String> reasons = new ArrayList<>();
            for (Quotas.Line line : q.lines()) {
                long missed = line.windows().stream().filter(w -> w.status().equals("missed")).count();
                long risk = line.windows().stream().filter(w -> w.status().equals("at_risk")).count();
                if (missed > 0) {
                    reasons.add(line.itemKindLabel() + "有" + missed + "期未完成定额");
                }
                if (risk > 0) {
                    reasons.add(line.itemKindLabel() + "本期尚未报够");
                }
            }
            TimelinessReport.UnitTimeliness ut = late.get(q.unit().get("code"));
            if (ut != null && ut.late() > 0) {
                reasons.add("迟报" + ut.late() + "条");
            }
            if (!reasons.isEmpty() && (q.status().equals("missed") || (ut != null && ut.late() > 0))) {
                attention.add(new Attention(q.unit(), reasons));
            }
        }
        int submitted = quota.stream().mapToInt(Quotas.UnitQuota::submitted).sum();
        Map<String, Object> totals = new LinkedHashMap<>();
        int[] inPeriod = periodCounts(p.from(), p.to());
        totals.put("submitted", inPeriod[0]);
        totals.put("adopted", inPeriod[1]);
        totals.put("adoptionRate", inPeriod[0] == 0 ? null
                : BigDecimal.valueOf(inPeriod[1]).divide(BigDecimal.valueOf(inPeriod[0]), 4, RoundingMode.HALF_UP));
        totals.put("onTimeRate", t.onTimeRate());
        totals.put("late", t.late());
        totals.put("withEventTime", t.withEventTime());
        totals.put("unitsMet", quota.stream().filter(q -> q.status().equals("met")).count());
        totals.put("unitsAtRisk", quota.stream().filter(q -> q.status().equals("at_risk")).count());
        totals.put("unitsMissed", quota.stream().filter(q -> q.status().equals("missed")).count());
        totals.put("quotaSubmitted", submitted);

        List<Window> trendWindows = Window.overlapping("week", today.minusWeeks(11), today, today);
        Map<String, Object> periodView = new LinkedHashMap<>();
        periodView.put("key", p.key());
        periodView.put("label", p.label());
        periodView.put("from", p.from());
        periodView.put("to", p.to());
        return new View(periodView, totals, weeks, grid, counts(trendWindows), attention);
    }

    private List<Week> counts(List<Window> windows) {
        List<Week> out = new ArrayList<>();
        for (Window w : windows) {
            int[] c = periodCounts(w.from(), w.to());
            out.add(new Week(w.key(), w.label(), w.from(), w.to(), c[0], c[1]));
        }
        return out;
    }

    private int[] periodCounts(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select count(*) n, count(*) filter (where adoption in ('standalone', 'comprehensive')) adopted
                from submission where submitted_at >= ? and submitted_at < ?""")
                .params(from.atStartOfDay(time.zone()).toOffsetDateTime(), to.plusDays(1).atStartOfDay(time.zone()).toOffsetDateTime())
                .query((rs, i) -> new int[] {rs.getInt("n"), rs.getInt("adopted")}).single();
    }

    /** Items per unit and ISO week (keys as Window writes them: 2026-W49). */
    private Map<String, Integer> weekly(List<Window> weeks) {
        Map<String, Integer> out = new HashMap<>();
        if (weeks.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select unit_code, to_char(submitted_at at time zone :zone, 'IYYY-"W"IW') week, count(*) n
                from submission where submitted_at >= :from and submitted_at < :to group by 1, 2""")
                .param("zone", time.zone().getId())
                .param("from", weeks.get(0).from().atStartOfDay(time.zone()).toOffsetDateTime())
                .param("to", weeks.get(weeks.size() - 1).to().plusDays(1).atStartOfDay(time.zone()).toOffsetDateTime())
                .query(rs -> {
                    out.put(rs.getString("unit_code") + "|" + rs.getString("week"), rs.getInt("n"));
                });
        return out;
    }
}
