package cn.jianbao.assessment;

import cn.jianbao.directory.Person;
import cn.jianbao.web.OfficeTime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per unit for a period: items submitted, adopted (standalone / comprehensive), adopted by higher
 * levels, 批示, media uses, points and remuneration from the ledger, and the rank among units of
 * the same kind (towns and member units are ranked apart: their quotas differ). Ties share a rank.
 */
@Service
public class Rankings {

    /** One unit's row. {@code points} and {@code rank} are null where the caller may not see them. */
    public record Row(String unit, String unitName, String kind, String kindLabel, long submitted, long adopted,
                      long standalone, long comprehensive, long higherAdoptions, long instructions, long mediaUses,
                      BigDecimal points, BigDecimal yuan, Integer rank) {
    }

    /** The network's totals are null where the caller may not see other units' figures. */
    public record Report(Period period, List<Row> towns, List<Row> members, Long submitted, Long adopted,
                         BigDecimal points, boolean complete) {
    }

    private final JdbcClient jdbc;
    private final OfficeTime time;
    private final AssessmentPolicy policy;

    Rankings(JdbcClient jdbc, OfficeTime time, AssessmentPolicy policy) {
        this.jdbc = jdbc;
        this.time = time;
        this.policy = policy;
    }

    /** Everything, for the office and the reports. */
    public Report compute(Period period) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        var start = from.atStartOfDay(time.zone()).toOffsetDateTime();
        var end = to.plusDays(1).atStartOfDay(time.zone()).toOffsetDateTime();
        List<Row> rows = jdbc.sql("""
                select u.code, u.name, u.kind,
                  (select count(*) from submission s where s.unit_code = u.code and s.submitted_at >= ? and s.submitted_at < ?) submitted,
                  (select count(*) from assessment_event e where e.unit_code = u.code and e.kind = 'adoption'
                      and e.rule_input = 'standalone' and e.happened_on between ? and ?) standalone,
                  (select count(*) from assessment_event e where e.unit_code = u.code and e.kind = 'adoption'
                      and e.rule_input = 'comprehensive' and e.happened_on between ? and ?) comprehensive,
                  (select count(*) from assessment_event e where e.unit_code = u.code and e.kind = 'forward' and e.adopted
                      and e.happened_on between ? and ?) higher,
                  (select count(*) from assessment_event e where e.unit_code = u.code and e.kind = 'instruction'
                      and e.happened_on between ? and ?) instructions,
                  (select count(*) from assessment_event e where e.unit_code = u.code and e.kind = 'media_use'
                      and e.happened_on between ? and ?) media,
                  (select coalesce(sum(l.points), 0) from ledger_entry l where l.unit_code = u.code and l.happened_on between ? and ?) points,
                  (select coalesce(sum(l.yuan), 0) from ledger_entry l where l.unit_code = u.code and l.happened_on between ? and ?) yuan
                from unit u where u.kind <> 'office' and u.active
                order by u.sort_order, u.code""")
                .params(start, end, from, to, from, to, from, to, from, to, from, to, from, to, from, to)
                .query((rs, i) -> new Row(rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                        cn.jianbao.directory.UnitKind.of(rs.getString("kind")).label(), rs.getLong("submitted"),
                        rs.getLong("standalone") + rs.getLong("comprehensive"), rs.getLong("standalone"),
                        rs.getLong("comprehensive"), rs.getLong("higher"), rs.getLong("instructions"), rs.getLong("media"),
                        rs.getBigDecimal("points"), rs.getBigDecimal("yuan"), null)).list();
        List<Row> towns = ranked(rows.stream().filter(r -> r.kind().equals("town")).toList());
        List<Row> members = ranked(rows.stream().filter(r -> !r.kind().equals("town")).toList());
        long submitted = rows.stream().mapToLong(Row::submitted).sum();
        long adopted = rows.stream().mapToLong(Row::adopted).sum();
        BigDecimal points = rows.stream().map(Row::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Report(period, towns, members, submitted, adopted, points,
                !to.isAfter(time.today().minusDays(1)));
    }

    /** What a person may see: the office everything; a unit its own row, others only as the settings allow. */
    public Report visibleTo(Person me, Period period) {
        Report all = compute(period);
        if (Assessment.office(me)) {
            return all;
        }
        // the network's totals minus the unit's own row would be the others' figures the policy hides
        boolean others = policy.current().rankPublicly();
        return new Report(period, visible(all.towns(), me), visible(all.members(), me), others ? all.submitted() : null,
                others ? all.adopted() : null, null, all.complete());
    }

    private List<Row> visible(List<Row> rows, Person me) {
        AssessmentSettings settings = policy.current();
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            boolean own = r.unit().equals(me.unitCode());
            if (!own && !settings.rankPublicly()) {
                continue;
            }
            boolean points = own || settings.showOthersPoints();
            out.add(new Row(r.unit(), r.unitName(), r.kind(), r.kindLabel(), r.submitted(), r.adopted(), r.standalone(),
                    r.comprehensive(), r.higherAdoptions(), r.instructions(), r.mediaUses(),
                    points ? r.points() : null, own ? r.yuan() : null, settings.rankPublicly() ? r.rank() : null));
        }
        return out;
    }

    /** Sorted by points (then adoptions, then name), ranks shared by equal points. */
    private static List<Row> ranked(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> {
            int c = b.points().compareTo(a.points());
            if (c != 0) {
                return c;
            }
            c = Long.compare(b.adopted(), a.adopted());
            return c != 0 ? c : a.unit().compareTo(b.unit());
        });
        List<Row> out = new ArrayList<>();
        int rank = 0;
        BigDecimal last = null;
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            if (last == null || r.points().compareTo(last) != 0) {
                rank = i + 1;
                last = r.points();
            }
            out.add(new Row(r.unit(), r.unitName(), r.kind(), r.kindLabel(), r.submitted(), r.adopted(), r.standalone(),
                    r.comprehensive(), r.higherAdoptions(), r.instructions(), r.mediaUses(), r.points(), r.yuan(), rank));
        }
        return out;
    }
}
