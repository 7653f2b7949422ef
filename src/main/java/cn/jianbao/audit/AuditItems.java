package cn.jianbao.audit;

import cn.jianbao.web.OfficeTime;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Person;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.Paging;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The auditor's search: any item at any stage, by words of its title, unit, a person (who submitted
 * it or decided on it, by name or user id), date, current status and any decision taken on it.
 * For the auditors and the office ({@link ReadPolicy#seesEverything}).
 */
@Service
class AuditItems {

    private static final java.util.Set<String> STATUSES = java.util.Set.of("leader_approval", "office_review",
            "adoption_decision", "revising", "awaiting_publication", "published", "rejected", "not_adopted");
    private static final java.util.Set<String> DECISIONS = java.util.Set.of("submitted", "approve", "return", "reject",
            "resubmitted", "standalone", "comprehensive", "rejected", "published");

    private final JdbcClient jdbc;
    private final OfficeTime time;

    AuditItems(JdbcClient jdbc, OfficeTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** What the search asks; every part optional. */
    record Criteria(String q, String unit, String person, String from, String to, String status, String decision,
                    Integer page, Integer size) {
    }

    /** A page of items and how many match in all. */
    record Found(long total, List<Map<String, Object>> items) {
    }

    static boolean mayUse(Person me) {
        return ReadPolicy.seesEverything(me);
    }

    Found search(Person me, Criteria c) {
        if (!mayUse(me)) {
            throw new ForbiddenException("审计查询供审计人员和协调办公室使用。");
        }
        Paging paging = Paging.of(c.page(), c.size(), 20);
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (present(c.q())) {
            var number = cn.jianbao.intake.SubmissionNumber.parse(c.q(), time.today().getYear());
            where.append(number.isPresent() ? " and (s.title ilike ? or s.number = ?)" : " and s.title ilike ?");
            params.add(like(c.q(), "q"));
            number.ifPresent(n -> params.add(n.text()));
        }
        if (present(c.unit())) {
            where.append(" and s.unit_code = ?");
            params.add(c.unit().strip());
        }
        if (present(c.person())) {
            // the leading space matters: a text block drops its indentation
            where.append(" " + """
                     and (exists (select 1 from person p where p.user_id = s.liaison_id
                                  and (p.user_id = ? or p.display_name ilike ?))
                          or exists (select 1 from decision d join person p on p.user_id = d.actor
                                     where d.submission_id = s.id and (p.user_id = ? or p.display_name ilike ?)))""");
            String who = c.person().strip();
            params.add(who);
            params.add(like(who, "person"));
            params.add(who);
            params.add(like(who, "person"));
        }
        if (present(c.from())) {
            where.append(" and s.submitted_at >= ?");
            params.add(time.startOfDay("from", c.from(), 0));
        }
        if (present(c.to())) {
            where.append(" and s.submitted_at < ?");
            params.add(time.startOfDay("to", c.to(), 1));
        }
        if (present(c.status())) {
            if (!STATUSES.contains(c.status().strip())) {
                throw new BadRequestException("status", "未知的状态：" + c.status());
            }
            where.append(" and s.status = ?");
            params.add(c.status().strip());
        }
        if (present(c.decision())) {
            if (!DECISIONS.contains(c.decision().strip())) {
                throw new BadRequestException("decision", "未知的意见：" + c.decision());
            }
            where.append(" and exists (select 1 from decision d where d.submission_id = s.id and d.decision = ?)");
            params.add(c.decision().strip());
        }
        long total = jdbc.sql("select count(*) from submission s" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(paging.offset());
        pageParams.add(paging.size());
        List<Map<String, Object>> rows = jdbc.sql("""
                select s.id, s.number, s.title, s.status, s.kind, s.classification, s.submitted_at, s.updated_at,
                       u.code unit_code, u.name unit_name, s.liaison_id, coalesce(p.display_name, s.liaison_id) liaison_name
                from submission s join unit u on u.code = s.unit_code left join person p on p.user_id = s.liaison_id
                """ + where + " order by s.submitted_at desc, s.id offset ? limit ?").params(pageParams)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getObject("id", UUID.class));
                    m.put("number", rs.getString("number"));
                    m.put("title", rs.getString("title"));
                    m.put("status", rs.getString("status"));
                    m.put("unit", Map.of("code", rs.getString("unit_code"), "name", rs.getString("unit_name")));
                    m.put("liaison", rs.getString("liaison_id"));
                    m.put("liaisonName", rs.getString("liaison_name"));
                    m.put("kind", rs.getString("kind"));
                    m.put("classification", rs.getString("classification"));
                    m.put("submittedAt", rs.getObject("submitted_at", OffsetDateTime.class));
                    m.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
                    return m;
                }).list();
        return new Found(total, rows);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String like(String value, String field) {
        String v = value.strip();
        if (v.length() > 100) {
            throw new BadRequestException(field, "查询文字不超过100字。");
        }
        return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

}
