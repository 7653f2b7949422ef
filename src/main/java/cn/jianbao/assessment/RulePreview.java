package cn.jianbao.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a candidate rule table would change: every event of the period the table scores is scored
 * again by the candidate, and each unit's total is shown as it is and as it would be. Nothing is
 * stored; past periods keep their rules whatever is installed.
 */
@Service
class RulePreview {

    /** One unit: its total now and with the candidate. */
    record UnitEffect(String unit, String unitName, BigDecimal current, BigDecimal candidate, BigDecimal change) {
    }

    private final JdbcClient jdbc;
    private final AssessmentPolicy policy;

    RulePreview(JdbcClient jdbc, AssessmentPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    List<UnitEffect> preview(RuleBook.Candidate candidate, Period period) {
        RuleTable table = candidate.table();
        Map<String, String[]> units = new LinkedHashMap<>();
        Map<String, BigDecimal> current = new LinkedHashMap<>();
        Map<String, BigDecimal> next = new LinkedHashMap<>();
        jdbc.sql("""
                select u.code, u.name, (select coalesce(sum(l.%s), 0) from ledger_entry l
                   where l.unit_code = u.code and l.happened_on between ? and ?) total
                from unit u where u.kind <> 'office' order by u.sort_order, u.code""".formatted(
                        table == RuleTable.REMUNERATION ? "yuan" : "points"))
                .params(period.from(), period.to()).query((rs, i) -> {
                    units.put(rs.getString("code"), new String[] {rs.getString("name")});
                    current.put(rs.getString("code"), rs.getBigDecimal("total"));
                    next.put(rs.getString("code"), rs.getBigDecimal("total"));
                    return null;
                }).list();
        if (!table.scores()) {
            return effects(units, current, next); // quotas and deadlines change no points already recorded
        }
        String kind = switch (table) {
            case ADOPTION, REMUNERATION -> "adoption";
            case INSTRUCTION -> "instruction";
            case HIGHER_ADOPTION -> "forward";
            case MEDIA_USE -> "media_use";
            case DEDUCTION -> "deduction";
            case QUOTA, REPORT_DEADLINE -> throw new IllegalStateException("not a scoring table");
        };
        if (table == RuleTable.INSTRUCTION && !policy.current().scoreInstructions()) {
            return effects(units, current, next); // 批示 are not scored: no table changes anything
        }
        List<Map<String, Object>> events = jdbc.sql("""
                select e.id, e.unit_code, e.rule_input, e.share, e.issue_id, e.adopted,
                  e.merged_items items,
                  (select coalesce(sum(l.%s), 0) from ledger_entry l where l.event_id = e.id) scored
                from assessment_event e where e.kind = ? and e.happened_on between ? and ?""".formatted(
                        table == RuleTable.REMUNERATION ? "yuan" : "points"))
                .params(kind, period.from(), period.to()).query().listOfRows();
        for (Map<String, Object> e : events) {
            String unit = (String) e.get("unit_code");
            if (!next.containsKey(unit) || (kind.equals("forward") && !Boolean.TRUE.equals(e.get("adopted")))) {
                continue;
            }
            BigDecimal share = (BigDecimal) e.get("share");
            RuleBook.Answer a = candidate.evaluate((String) e.get("rule_input"));
            if (table == RuleTable.ADOPTION) {
                long items = ((Number) e.get("items")).longValue();
                boolean split = "split".equals(a.outputs().get("credit")) && "comprehensive".equals(e.get("rule_input"))
                        && items > 1;
                share = split ? BigDecimal.ONE.divide(BigDecimal.valueOf(items), 4, RoundingMode.HALF_UP) : BigDecimal.ONE;
            }
            BigDecimal candidatePoints = Assessment.amount(a.value(), share);
            next.merge(unit, candidatePoints.subtract((BigDecimal) e.get("scored")), BigDecimal::add);
        }
        return effects(units, current, next);
    }

    private static List<UnitEffect> effects(Map<String, String[]> units, Map<String, BigDecimal> current,
                                            Map<String, BigDecimal> next) {
        List<UnitEffect> out = new ArrayList<>();
        units.forEach((code, name) -> out.add(new UnitEffect(code, name[0], current.get(code), next.get(code),
                next.get(code).subtract(current.get(code)))));
        return out;
    }
}
