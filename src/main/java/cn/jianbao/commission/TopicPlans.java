package cn.jianbao.commission;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.assessment.Period;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.OfficeTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Topic plans (报送计划, seed 000): a month's or quarter's topics, each with the units asked and a
 * deadline. A plan is drafted, then published: each topic becomes a commission. Its page shows
 * the progress of every topic and unit. The office's planning: office and auditors read it.
 */
@Service
public class TopicPlans {

    private final JdbcClient jdbc;
    private final Commissions commissions;
    private final Directory directory;
    private final OfficeTime time;

    TopicPlans(JdbcClient jdbc, Commissions commissions, Directory directory, OfficeTime time) {
        this.jdbc = jdbc;
        this.commissions = commissions;
        this.directory = directory;
        this.time = time;
    }

    public record PlanDraft(String title, String period, List<Commissions.Draft> topics) {
    }

    record Topic(int position, String title, String description, List<String> kinds, OffsetDateTime deadline,
                 List<String> units, UUID commissionId, Commissions.View commission) {
    }

    record Plan(UUID id, String title, String period, String periodLabel, String status, String createdBy,
                String createdByName, OffsetDateTime createdAt, OffsetDateTime publishedAt, List<Topic> topics) {
    }

    @Transactional
    public UUID create(Person me, PlanDraft d) {
        Commissions.requireEditor(me);
        if (d == null || d.title() == null || d.title().isBlank() || d.title().strip().length() > 200) {
            throw new BadRequestException("title", "请填写计划名称（不超过200字）。");
        }
        Period period = Period.parse(d.period() == null || d.period().isBlank() ? null : d.period(),
                time.today());
        if (period.code().length() == 4) {
            throw new BadRequestException("period", "报送计划按月（2026-12）或按季度（2026-Q4）制定。");
        }
        if (d.topics() == null || d.topics().isEmpty()) {
            throw new BadRequestException("topics", "请至少列出一个选题。");
        }
        if (d.topics().size() > 100) {
            throw new BadRequestException("topics", "一个计划最多100个选题。");
        }
        List<Commissions.Draft> topics = new ArrayList<>();
        for (Commissions.Draft t : d.topics()) {
            topics.add(commissions.checked(t));
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into topic_plan (id, title, period, created_by, created_at) values (?, ?, ?, ?, ?)")
                .params(id, d.title().strip(), period.code(), me.userId(), time.now()).update();
        int position = 0;
        for (Commissions.Draft t : topics) {
            jdbc.sql("""
                    insert into topic_plan_topic (plan_id, position, title, description, kinds, deadline, units)
                    values (?, ?, ?, ?, cast(? as text[]), ?, cast(? as text[]))""")
                    .params(id, position++, t.title(), t.description(), t.kinds().toArray(String[]::new), t.deadline(),
                            t.units().toArray(String[]::new)).update();
        }
        return id;
    }

    /** Publishing sends every topic as a commission; once. A deadline already past stops it with nothing sent. */
    @Transactional
    public void publish(Person me, UUID id) {
        Commissions.requireEditor(me);
        String status = jdbc.sql("select status from topic_plan where id = ? for update").param(id).query(String.class)
                .optional().orElseThrow(() -> new NotFoundException("报送计划不存在。"));
        if (!status.equals("draft")) {
            throw new ConflictException("该计划已经发布。");
        }
        for (Topic t : topics(me, id, false)) {
            Commissions.Draft d = commissions.checked(new Commissions.Draft(t.title(), t.description(), t.kinds(),
                    t.deadline(), t.units()));
            UUID commission = commissions.create(me.userId(), d, id);
            jdbc.sql("update topic_plan_topic set commission_id = ? where plan_id = ? and position = ?")
                    .params(commission, id, t.position()).update();
        }
        jdbc.sql("update topic_plan set status = 'published', published_at = ? where id = ?")
                .params(time.now(), id).update();
    }

    List<Plan> list(Person me) {
        requireOffice(me);
        return jdbc.sql("select id from topic_plan order by created_at desc limit 100").query(UUID.class).list().stream()
                .map(id -> get(me, id)).toList();
    }

    Plan get(Person me, UUID id) {
        requireOffice(me);
        Map<String, Object> p = jdbc.sql("select * from topic_plan where id = ?").param(id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("报送计划不存在。"));
        String period = (String) p.get("period");
        String by = (String) p.get("created_by");
        return new Plan(id, (String) p.get("title"), period, Period.parse(period, time.today()).label(),
                (String) p.get("status"), by, directory.displayName(by),
                ((java.sql.Timestamp) p.get("created_at")).toInstant().atOffset(ZoneOffset.UTC),
                p.get("published_at") == null ? null
                        : ((java.sql.Timestamp) p.get("published_at")).toInstant().atOffset(ZoneOffset.UTC),
                topics(me, id, true));
    }

    private List<Topic> topics(Person me, UUID id, boolean withProgress) {
        return jdbc.sql("select * from topic_plan_topic where plan_id = ? order by position").param(id)
                .query((rs, i) -> {
                    UUID commission = rs.getObject("commission_id", UUID.class);
                    return new Topic(rs.getInt("position"), rs.getString("title"), rs.getString("description"),
                            List.of((String[]) rs.getArray("kinds").getArray()),
                            rs.getObject("deadline", OffsetDateTime.class),
                            List.of((String[]) rs.getArray("units").getArray()), commission,
                            withProgress && commission != null ? commissions.view(me, commission) : null);
                }).list();
    }

    private static void requireOffice(Person me) {
        if (!ReadPolicy.seesEverything(me)) {
            throw new ForbiddenException("报送计划由协调办公室制定和查看。");
        }
    }
}
