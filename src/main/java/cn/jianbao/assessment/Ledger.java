package cn.jianbao.assessment;

import cn.jianbao.directory.Person;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points ledger: append-only (the database refuses changes), one entry per point earned or
 * lost with the rule table and version that gave it. A unit's total is the sum of its entries.
 */
@Service
public class Ledger {

    static final Map<String, String> EVENTS = Map.of("adoption", "本级采用", "instruction", "领导批示",
            "higher_adoption", "上级采用", "media_use", "媒体采用", "deduction", "扣分", "reversal", "冲正");

    record NewEntry(String unit, UUID eventId, UUID submissionId, String event, BigDecimal points, BigDecimal yuan,
                    String ruleKey, Integer ruleVersion, String explanation, LocalDate day, String by) {
    }

    /** An entry as read. */
    /** {@code submissionNumber}: the item's 报送编号, for entries about an item. */
    public record Entry(UUID id, Map<String, String> unit, UUID submissionId, String submissionNumber, UUID eventId,
                        String event,
                        String eventLabel, BigDecimal points, BigDecimal yuan, String rule, String ruleLabel,
                        Integer ruleVersion, LocalDate ruleFrom, String explanation, LocalDate at, UUID reverses, boolean reversed, String recordedBy,
                        String recordedByName, OffsetDateTime recordedAt) {
    }

    public record Page(List<Entry> entries, long total, BigDecimal points, BigDecimal yuan) {
    }

    private final JdbcClient jdbc;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    Ledger(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    UUID append(NewEntry e) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into ledger_entry (id, unit_code, event_id, submission_id, event, points, yuan, rule_key, rule_version,
                    explanation, happened_on, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, e.unit(), e.eventId(), e.submissionId(), e.event(), e.points(), e.yuan(), e.ruleKey(),
                        e.ruleVersion(), e.explanation(), e.day(), e.by(), OffsetDateTime.now(clock)).update();
        return id;
    }

    /** The entries an event made (its points and why), as answered when it is recorded. */
    List<Map<String, Object>> ofEvent(UUID eventId) {
        return jdbc.sql("select id, points, explanation from ledger_entry where event_id = ?").param(eventId).query().listOfRows();
    }

    /** Cancels an entry by a reversing entry of the opposite points, once; the entry itself stays. */
    @Transactional
    public UUID reverse(Person me, UUID entryId, String reason) {
        Assessment.requireOffice(me);
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new BadRequestException("reason", "请填写冲正理由（不超过500字）。");
        }
        Map<String, Object> row = jdbc.sql("select * from ledger_entry where id = ?").param(entryId).query()
                .listOfRows().stream().findFirst().orElseThrow(() -> new NotFoundException("台账记录不存在。"));
        if (row.get("reverses") != null) {
            throw new ConflictException("冲正记录不能再冲正。");
        }
        if (jdbc.sql("select count(*) from ledger_entry where reverses = ?").param(entryId).query(Long.class).single() > 0) {
            throw new ConflictException("这条记录已经冲正过了。");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into ledger_entry (id, unit_code, event_id, submission_id, event, points, yuan, rule_key, rule_version,
                    explanation, happened_on, reverses, recorded_by, recorded_at)
                values (?, ?, ?, ?, 'reversal', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, row.get("unit_code"), row.get("event_id"), row.get("submission_id"),
                        ((BigDecimal) row.get("points")).negate(), ((BigDecimal) row.get("yuan")).negate(),
                        row.get("rule_key"), row.get("rule_version"),
                        "冲正：" + row.get("explanation") + "（" + reason.strip() + "）",
                        // in the period of the entry it cancels, so that period's total is right
                        ((java.sql.Date) row.get("happened_on")).toLocalDate(), entryId, me.userId(),
                        OffsetDateTime.now(clock)).update();
        return id;
    }

    /** Entries of a unit (or all units, for the office), newest first, with the sums of the selection. */
    public Page entries(Person me, String unit, LocalDate from, LocalDate to, int offset, int limit) {
        String wanted = unit == null || unit.isBlank() ? null : unit.strip();
        if (!Assessment.office(me)) {
            if (wanted != null && !wanted.equals(me.unitCode())) {
                throw new NotFoundException("单位不存在，或您无权查看其台账。");
            }
            wanted = me.unitCode();
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (wanted != null) {
            where.append(" and l.unit_code = ?");
            params.add(wanted);
        }
        if (from != null) {
            where.append(" and l.happened_on >= ?");
            params.add(from);
        }
        if (to != null) {
            where.append(" and l.happened_on <= ?");
            params.add(to);
        }
        Map<String, Object> sums = jdbc.sql("select count(*) n, coalesce(sum(points), 0) p, coalesce(sum(yuan), 0) y from ledger_entry l"
                + where).params(params).query().singleRow();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(offset);
        pageParams.add(limit);
        List<Entry> entries = jdbc.sql("""
                select l.*, u.name unit_name, p.display_name recorder_name, s.number submission_number,
                  rv.effective_from rule_from,
                  exists (select 1 from ledger_entry r where r.reverses = l.id) reversed
                from ledger_entry l join unit u on u.code = l.unit_code left join person p on p.user_id = l.recorded_by
                  left join submission s on s.id = l.submission_id
                  left join rule_version rv on rv.decision_key = l.rule_key and rv.version = l.rule_version""" + where
                + " order by l.happened_on desc, l.recorded_at desc, l.id offset ? limit ?").params(pageParams)
                .query((rs, i) -> new Entry(rs.getObject("id", UUID.class),
                        Map.of("code", rs.getString("unit_code"), "name", rs.getString("unit_name")),
                        rs.getObject("submission_id", UUID.class), rs.getString("submission_number"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event"), EVENTS.getOrDefault(rs.getString("event"), rs.getString("event")),
                        rs.getBigDecimal("points"), rs.getBigDecimal("yuan"), rs.getString("rule_key"),
                        // the table by its name (采用积分), the key is for programs
                        rs.getString("rule_key") == null ? null : RuleTable.ofKey(rs.getString("rule_key"))
                                .map(RuleTable::label).orElse("计分规则"),
                        (Integer) rs.getObject("rule_version"), rs.getObject("rule_from", LocalDate.class),
                        rs.getString("explanation"),
                        rs.getObject("happened_on", LocalDate.class), rs.getObject("reverses", UUID.class),
                        rs.getBoolean("reversed"), rs.getString("recorded_by"),
                        "system".equals(rs.getString("recorded_by")) ? "系统"
                                : rs.getString("recorder_name") != null ? rs.getString("recorder_name") : rs.getString("recorded_by"),
                        rs.getObject("recorded_at", OffsetDateTime.class))).list();
        return new Page(entries, ((Number) sums.get("n")).longValue(), (BigDecimal) sums.get("p"), (BigDecimal) sums.get("y"));
    }
}
