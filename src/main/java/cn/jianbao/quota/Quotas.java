package cn.jianbao.quota;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.assessment.Assessment;
import cn.jianbao.assessment.RuleBook;
import cn.jianbao.assessment.RuleTable;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.web.OfficeTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotas (seed 000): how many briefing items and news leads each unit owes per week, half month or
 * month, as the quota table in force says, against what it submitted and what was adopted.
 * A window is {@code met} once enough was submitted, {@code at_risk} while open and short,
 * {@code missed} when it ended short.
 */
@Service
public class Quotas {

    private static final Logger log = LoggerFactory.getLogger(Quotas.class);
    static final List<String> ITEM_KINDS = List.of("briefing", "news_lead");

    private final JdbcClient jdbc;
    private final RuleBook rules;
    private final Directory directory;
    private final OfficeTime time;
    private final Assessment assessment;

    Quotas(JdbcClient jdbc, RuleBook rules, Directory directory, OfficeTime time, Assessment assessment) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.directory = directory;
        this.time = time;
        this.assessment = assessment;
    }

    record WindowStatus(String key, String label, LocalDate from, LocalDate to, int required, int submitted,
                        int adopted, String status) {
    }

    record Line(String itemKind, String itemKindLabel, String per, String perLabel, int count,
                List<WindowStatus> windows) {
    }

    record UnitQuota(Map<String, String> unit, int required, int submitted, int adopted, String status,
                     List<Line> lines) {
    }

    record Report(Map<String, Object> period, List<UnitQuota> units) {
    }

    static String itemKindLabel(String itemKind) {
        return itemKind.equals("news_lead") ? "宣传报道线索" : "简报信息";
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "met" -> "已完成";
            case "at_risk" -> "未完成（进行中）";
            case "missed" -> "未完成";
            default -> status;
        };
    }

    /** The report for a period as the caller may see it: the office and auditors every unit, others their own. */
    public Report report(Person me, String periodKey) {
        LocalDate today = time.today();
        Window period = Window.parse(periodKey, today);
        List<UnitDetails> units = directory.units().stream()
                .filter(u -> u.active() && u.kind() != UnitKind.OFFICE)
                .filter(u -> ReadPolicy.seesEverything(me) || u.code().equals(me.unitCode())).toList();
        return new Report(Map.of("key", period.key(), "label", period.label(), "from", period.from(), "to", period.to()),
                compute(units, period.from(), period.to(), today));
    }

    List<UnitQuota> compute(List<UnitDetails> units, LocalDate from, LocalDate to, LocalDate today) {
        // the quota in force on the period's first day (a rule change applies from its own date on)
        Map<String, int[]> perCounts = new HashMap<>();
        Map<String, String> pers = new HashMap<>();
        LocalDate ruleDay = from.isAfter(today) ? today : from;
        for (UnitKind kind : List.of(UnitKind.TOWN, UnitKind.MEMBER)) {
            for (String item : ITEM_KINDS) {
                RuleBook.Answer a = rules.evaluate(RuleTable.QUOTA, kind.code() + "|" + item, ruleDay);
                String per = String.valueOf(a.outputs().get("per"));
                if (!Window.PERS.contains(per)) {
                    per = "month";
                }
                perCounts.put(kind.code() + "|" + item, new int[] {(int) a.value()});
                pers.put(kind.code() + "|" + item, per);
            }
        }
        // the widest stretch any window touches, counted once per unit, kind and day
        LocalDate first = from;
        LocalDate last = to;
        for (String per : pers.values()) {
            List<Window> ws = Window.overlapping(per, from, to, today);
            if (!ws.isEmpty()) {
                first = first.isAfter(ws.get(0).from()) ? ws.get(0).from() : first;
                last = last.isBefore(ws.get(ws.size() - 1).to()) ? ws.get(ws.size() - 1).to() : last;
            }
        }
        Map<String, int[]> daily = new HashMap<>(); // unit|item|day -> [submitted, adopted]
        jdbc.sql("""
                select unit_code, case when kind = 'news_lead' then 'news_lead' else 'briefing' end item,
                       cast(submitted_at at time zone :zone as date) submitted_on, count(*) n,
                       count(*) filter (where adoption in ('standalone', 'comprehensive')) adopted
                from submission where submitted_at >= :from and submitted_at < :to
                group by 1, 2, 3""")
                .param("zone", time.zone().getId())
                .param("from", first.atStartOfDay(time.zone()).toOffsetDateTime())
                .param("to", last.plusDays(1).atStartOfDay(time.zone()).toOffsetDateTime())
                .query(rs -> {
                    daily.put(rs.getString("unit_code") + "|" + rs.getString("item") + "|"
                            + rs.getObject("submitted_on", LocalDate.class), new int[] {rs.getInt("n"), rs.getInt("adopted")});
                });
        List<UnitQuota> out = new ArrayList<>();
        for (UnitDetails u : units) {
            List<Line> lines = new ArrayList<>();
            int required = 0;
            int submitted = 0;
            int adopted = 0;
            String worst = "met";
            for (String item : ITEM_KINDS) {
                String key = u.kind().code() + "|" + item;
                int count = perCounts.get(key)[0];
                String per = pers.get(key);
                List<WindowStatus> windows = new ArrayList<>();
                for (Window w : Window.overlapping(per, from, to, today)) {
                    int n = 0;
                    int a = 0;
                    for (LocalDate d = w.from(); !d.isAfter(w.to()); d = d.plusDays(1)) {
                        int[] c = daily.get(u.code() + "|" + item + "|" + d);
                        if (c != null) {
                            n += c[0];
                            a += c[1];
                        }
                    }
                    String status = n >= count ? "met" : w.ended(today) ? "missed" : "at_risk";
                    windows.add(new WindowStatus(w.key(), w.label(), w.from(), w.to(), count, n, a, status));
                    required += count;
                    submitted += n;
                    adopted += a;
                    worst = worse(worst, status);
                }
                if (count > 0) {
                    lines.add(new Line(item, itemKindLabel(item), per, Window.perLabel(per), count, windows));
                }
            }
            out.add(new UnitQuota(Map.of("code", u.code(), "name", u.name(), "kind", u.kind().code(),
                    "kindLabel", u.kind().label()), required, submitted, adopted, worst, lines));
        }
        return out;
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("met", "at_risk", "missed");
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }

    /** A unit behind on an open window: what to tell it. */
    record Shortfall(String unitCode, String unitName, String itemKind, String windowKey, String windowLabel,
                     LocalDate windowEnd, int required, int submitted) {
    }

    /** Open windows on {@code day} that end within {@code days} days, for units short of their quota. */
    List<Shortfall> shortfalls(LocalDate day, int days, String onlyUnit) {
        List<UnitDetails> units = directory.units().stream().filter(u -> u.active() && u.kind() != UnitKind.OFFICE)
                .filter(u -> onlyUnit == null || u.code().equals(onlyUnit)).toList();
        List<Shortfall> out = new ArrayList<>();
        for (UnitQuota q : compute(units, day, day, day)) {
            for (Line line : q.lines()) {
                for (WindowStatus w : line.windows()) {
                    if (!w.status().equals("met") && !w.to().isBefore(day) && !w.to().isAfter(day.plusDays(days))) {
                        out.add(new Shortfall(q.unit().get("code"), q.unit().get("name"), line.itemKind(), w.key(),
                                w.label(), w.to(), w.required(), w.submitted()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Windows that ended before {@code today} (since quotas were switched on) get their outcome
     * recorded once; a missed one costs the points the deduction table says (none when it says 0).
     * Safe to run on several nodes at once: the outcome's key takes each window once.
     */
    @Transactional
    public int close(LocalDate today) {
        LocalDate since = jdbc.sql("select counting_since from quota_settings").query(LocalDate.class).single();
        LocalDate from = since.isAfter(today.minusDays(100)) ? since : today.minusDays(100);
        if (!from.isBefore(today)) {
            return 0;
        }
        List<UnitDetails> units = directory.units().stream().filter(u -> u.active() && u.kind() != UnitKind.OFFICE).toList();
        Map<String, LocalDate> created = new HashMap<>();
        jdbc.sql("select code, created_on from unit").query(rs -> {
            created.put(rs.getString("code"), rs.getObject("created_on", LocalDate.class));
        });
        int missed = 0;
        for (UnitQuota q : compute(units, from, today.minusDays(1), today)) {
            for (Line line : q.lines()) {
                for (WindowStatus w : line.windows()) {
                    LocalDate unitSince = created.getOrDefault(q.unit().get("code"), since);
                    if (!w.to().isBefore(today) || w.from().isBefore(since) || w.from().isBefore(unitSince)) {
                        continue; // still open, or begun before quotas counted or before the unit existed
                    }
                    boolean met = w.status().equals("met");
                    int taken = jdbc.sql("""
                            insert into quota_outcome (unit_code, item_kind, window_key, required, submitted, met, closed_at)
                            values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                            .params(q.unit().get("code"), line.itemKind(), w.key(), w.required(), w.submitted(), met,
                                    time.now()).update();
                    if (taken == 1 && !met) {
                        missed++;
                        UUID event = assessment.systemDeduction(q.unit().get("code"), "quota_missed",
                                w.label() + itemKindLabel(line.itemKind()) + "定额" + w.required() + "条，实报"
                                        + w.submitted() + "条", w.to());
                        if (event != null) {
                            jdbc.sql("update quota_outcome set event_id = ? where unit_code = ? and item_kind = ? and window_key = ?")
                                    .params(event, q.unit().get("code"), line.itemKind(), w.key()).update();
                        }
                    }
                }
            }
        }
        if (missed > 0) {
            log.info("Quota windows closed: {} missed", missed);
        }
        return missed;
    }
}
