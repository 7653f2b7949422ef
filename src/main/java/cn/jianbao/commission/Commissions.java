package cn.jianbao.commission;

import cn.jianbao.access.Classification;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.assessment.Assessment;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Groups;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.directory.UnitDetails;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionReceived;
import cn.jianbao.intake.SubmissionRejectedException;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import cn.jianbao.process.Processes;
import cn.jianbao.process.TaskKey;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ConflictException;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.OfficeTime;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commissioned articles (约稿): the office asks chosen units for an item on a topic by a deadline;
 * each unit reads it, answers with a submission naming it, or declines with a reason; units
 * without an answer at the deadline are overdue (processes/commission.bpmn keeps the time).
 * A unit's people see only the commissions sent to their unit, and only their unit's row.
 */
@Service
public class Commissions {

    static final String NOT_FOUND = "约稿不存在，或未发给您所在的单位。";
    static final Duration REMIND_BEFORE = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Directory directory;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Notifications notifications;
    private final Assessment assessment;
    private final OfficeTime time;

    Commissions(JdbcClient jdbc, Directory directory, RuntimeService runtime, TaskService tasks,
                Notifications notifications, Assessment assessment, OfficeTime time) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.runtime = runtime;
        this.tasks = tasks;
        this.notifications = notifications;
        this.assessment = assessment;
        this.time = time;
    }

    public record Draft(String title, String description, List<String> kinds, OffsetDateTime deadline, List<String> units) {
    }

    record UnitRow(Map<String, String> unit, String status, String statusLabel, OffsetDateTime readAt, String readBy,
                   OffsetDateTime answeredAt, List<UUID> submissionIds, OffsetDateTime declinedAt, String declineReason,
                   OffsetDateTime remindedAt, OffsetDateTime overdueAt) {
    }

    record View(UUID id, String title, String description, List<String> kinds, List<String> kindLabels,
                OffsetDateTime deadline, UUID planId, String createdBy, String createdByName, OffsetDateTime createdAt,
                Map<String, Long> counts, List<UnitRow> units) {
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "unread" -> "未读";
            case "read" -> "已读未答复";
            case "answered" -> "已报送";
            case "declined" -> "已谢绝";
            case "overdue" -> "逾期未答复";
            default -> status;
        };
    }

    static void requireEditor(Person me) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.COMMISSION);
    }

    /** Checks a draft: what the office asks, of whom, by when. */
    Draft checked(Draft d) {
        if (d == null || d.title() == null || d.title().isBlank()) {
            throw new BadRequestException("title", "请填写约稿题目。");
        }
        if (d.title().strip().length() > 200) {
            throw new BadRequestException("title", "约稿题目不能超过200字。");
        }
        String description = d.description() == null ? "" : d.description().strip();
        if (description.length() > 4000) {
            throw new BadRequestException("description", "约稿要求不能超过4000字。");
        }
        List<String> kinds = d.kinds() == null || d.kinds().isEmpty()
                ? Arrays.stream(SubmissionKind.values()).map(SubmissionKind::code).toList() : d.kinds();
        for (String k : kinds) {
            if (k == null || Arrays.stream(SubmissionKind.values()).noneMatch(x -> x.code().equals(k.strip()))) {
                throw new BadRequestException("kinds", "信息类别应为：dynamic、research、case、special、news_lead。");
            }
        }
        if (d.deadline() == null) {
            throw new BadRequestException("deadline", "请填写截止时间。");
        }
        if (!d.deadline().isAfter(time.now().plusMinutes(30))) {
            throw new BadRequestException("deadline", "截止时间应晚于现在（至少留出半小时）。");
        }
        if (d.units() == null || d.units().isEmpty()) {
            throw new BadRequestException("units", "请选择约稿单位。");
        }
        if (d.units().size() > 500) {
            throw new BadRequestException("units", "一次最多向500个单位约稿。");
        }
        List<String> units = new ArrayList<>(new LinkedHashSet<>(d.units().stream().map(u -> u == null ? "" : u.strip()).toList()));
        for (String code : units) {
            UnitDetails u = directory.unitDetails(code).orElseThrow(() ->
                    new BadRequestException("units", "单位“" + code + "”不存在。"));
            if (!u.active() || u.kind() == UnitKind.OFFICE) {
                throw new BadRequestException("units", "不能向" + u.name() + "约稿（已停用或是协调办公室）。");
            }
        }
        return new Draft(d.title().strip(), description, kinds.stream().map(String::strip).distinct().toList(),
                d.deadline(), units);
    }

    @Transactional
    public UUID create(Person me, Draft draft) {
        requireEditor(me);
        return create(me.userId(), checked(draft), null);
    }

    /** Stores the commission and starts its process, which gives each unit's liaisons the task. */
    UUID create(String by, Draft d, UUID planId) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = time.now();
        jdbc.sql("""
                insert into commission (id, title, description, kinds, deadline, plan_id, created_by, created_at)
                values (?, ?, ?, cast(? as text[]), ?, ?, ?, ?)""")
                .params(id, d.title(), d.description(), d.kinds().toArray(String[]::new), d.deadline(), planId, by, now)
                .update();
        for (String unit : d.units()) {
            jdbc.sql("insert into commission_unit (commission_id, unit_code) values (?, ?)").params(id, unit).update();
        }
        // remind a day ahead, or halfway when less than two days are left
        Duration left = Duration.between(now, d.deadline());
        Duration before = left.compareTo(REMIND_BEFORE.multipliedBy(2)) < 0 ? left.dividedBy(2) : REMIND_BEFORE;
        Map<String, Object> vars = new HashMap<>();
        vars.put("commissionId", id.toString());
        vars.put("title", d.title());
        vars.put("deadlineAt", Date.from(d.deadline().toInstant()));
        vars.put("remindAt", Date.from(d.deadline().minus(before).toInstant()));
        String pi = runtime.startProcessInstanceByKey(Processes.COMMISSION, id.toString(), vars).getId();
        jdbc.sql("update commission set process_instance_id = ? where id = ?").params(pi, id).update();
        return id;
    }

    // --- reading ---

    List<View> list(Person me) {
        boolean all = ReadPolicy.seesEverything(me);
        List<UUID> ids = jdbc.sql(all ? "select id from commission order by created_at desc limit 200" : """
                select c.id from commission c join commission_unit cu on cu.commission_id = c.id
                where cu.unit_code = ? order by c.created_at desc limit 200""")
                .params(all ? new Object[0] : new Object[] {me.unitCode()}).query(UUID.class).list();
        return ids.stream().map(id -> view(me, id)).toList();
    }

    /** The commission as the caller may see it; a unit member's first look records the reading. */
    @Transactional
    View read(Person me, UUID id) {
        View v = view(me, id);
        if (!ReadPolicy.seesEverything(me)) {
            int first = jdbc.sql("""
                    update commission_unit set status = 'read', read_at = ?, read_by = ?
                    where commission_id = ? and unit_code = ? and status = 'unread'""")
                    .params(time.now(), me.userId(), id, me.unitCode()).update();
            if (first == 1) {
                v = view(me, id);
            }
        }
        return v;
    }

    View view(Person me, UUID id) {
        boolean all = ReadPolicy.seesEverything(me);
        Map<String, Object> c = jdbc.sql("select * from commission where id = ?").param(id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        List<UnitRow> rows = jdbc.sql("""
                select cu.*, u.name unit_name from commission_unit cu join unit u on u.code = cu.unit_code
                where cu.commission_id = ? and (? or cu.unit_code = ?) order by u.sort_order, u.code""")
                .params(id, all, me.unitCode()).query((rs, i) -> {
                    String unit = rs.getString("unit_code");
                    List<UUID> answers = jdbc.sql("""
                            select id from submission where commission_id = ? and unit_code = ? order by submitted_at""")
                            .params(id, unit).query(UUID.class).list();
                    String readBy = rs.getString("read_by");
                    String status = rs.getString("status");
                    return new UnitRow(Map.of("code", unit, "name", rs.getString("unit_name")), status, statusLabel(status),
                            rs.getObject("read_at", OffsetDateTime.class), readBy == null ? null : directory.displayName(readBy),
                            rs.getObject("answered_at", OffsetDateTime.class), answers,
                            rs.getObject("declined_at", OffsetDateTime.class), rs.getString("decline_reason"),
                            rs.getObject("reminded_at", OffsetDateTime.class), rs.getObject("overdue_at", OffsetDateTime.class));
                }).list();
        if (rows.isEmpty() && !all) {
            throw new NotFoundException(NOT_FOUND); // not sent to the caller's unit: as if it did not exist
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("unread", "read", "answered", "declined", "overdue")) {
            counts.put(s, rows.stream().filter(r -> r.status().equals(s)).count());
        }
        List<String> kinds = strings(c.get("kinds"));
        String by = (String) c.get("created_by");
        return new View(id, (String) c.get("title"), (String) c.get("description"), kinds,
                kinds.stream().map(k -> SubmissionKind.of(k).label()).toList(),
                ((java.sql.Timestamp) c.get("deadline")).toInstant().atOffset(ZoneOffset.UTC),
                (UUID) c.get("plan_id"), by, directory.displayName(by),
                ((java.sql.Timestamp) c.get("created_at")).toInstant().atOffset(ZoneOffset.UTC), counts, rows);
    }

    static List<String> strings(Object sqlArray) {
        try {
            return List.of((String[]) ((java.sql.Array) sqlArray).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- answering ---

    /** A submission naming its commission: checked in its own transaction, which a refusal rolls back whole. */
    @EventListener
    void answered(SubmissionReceived s) {
        if (s.commissionId() == null) {
            return;
        }
        Map<String, Object> row = jdbc.sql("""
                select cu.status, c.kinds, c.process_instance_id from commission_unit cu
                join commission c on c.id = cu.commission_id
                where cu.commission_id = ? and cu.unit_code = ? for update of cu""")
                .params(s.commissionId(), s.unitCode()).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new SubmissionRejectedException("commissionId", NOT_FOUND));
        String status = (String) row.get("status");
        switch (status) {
            case "answered" -> throw new ConflictException("本单位已答复该约稿，不能重复答复。");
            case "declined" -> throw new ConflictException("本单位已谢绝该约稿。");
            case "overdue" -> throw new ConflictException("该约稿已过截止时间。");
            default -> { }
        }
        List<String> kinds = strings(row.get("kinds"));
        if (!kinds.contains(s.kind())) {
            throw new SubmissionRejectedException("kind", "该约稿要求的类别是："
                    + String.join("、", kinds.stream().map(k -> SubmissionKind.of(k).label()).toList()) + "。");
        }
        OffsetDateTime now = time.now();
        jdbc.sql("""
                update commission_unit set status = 'answered', answered_at = ?,
                  read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?)
                where commission_id = ? and unit_code = ?""")
                .params(now, now, s.liaisonId(), s.commissionId(), s.unitCode()).update();
        completeTask((String) row.get("process_instance_id"), s.unitCode());
    }

    record Decline(String reason) {
    }

    /** A unit's liaison or leader declines, with a reason; once, and only before the deadline. */
    @Transactional
    public void decline(Person me, UUID id, String reason) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.DECLINE_COMMISSION);
        Map<String, Object> row = jdbc.sql("""
                select cu.status, c.process_instance_id from commission_unit cu join commission c on c.id = cu.commission_id
                where cu.commission_id = ? and cu.unit_code = ? for update of cu""")
                .params(id, me.unitCode()).query().listOfRows().stream().findFirst().orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason", "请说明谢绝的理由。");
        }
        if (reason.strip().length() > 1000) {
            throw new BadRequestException("reason", "理由不能超过1000字。");
        }
        String status = (String) row.get("status");
        if (!status.equals("unread") && !status.equals("read")) {
            throw new ConflictException("该约稿已" + statusLabel(status) + "，不能再谢绝。");
        }
        OffsetDateTime now = time.now();
        jdbc.sql("""
                update commission_unit set status = 'declined', declined_at = ?, declined_by = ?, decline_reason = ?,
                  read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?)
                where commission_id = ? and unit_code = ?""")
                .params(now, me.userId(), reason.strip(), now, me.userId(), id, me.unitCode()).update();
        completeTask((String) row.get("process_instance_id"), me.unitCode());
    }

    /** The unit's 答复约稿 task ends with the answer (as the application: people complete it by answering). */
    private void completeTask(String processInstanceId, String unitCode) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(TaskKey.ANSWER_COMMISSION.id()).taskCandidateGroup(Groups.liaisons(unitCode))
                .includeAssignedTasks().singleResult();
        if (task != null) {
            tasks.complete(task.getId());
        }
    }

    // --- the process's steps ---

    String status(UUID id, String unitCode) {
        return jdbc.sql("select status from commission_unit where commission_id = ? and unit_code = ?")
                .params(id, unitCode).query(String.class).optional().orElse("unread");
    }

    List<String> units(UUID id) {
        return jdbc.sql("select unit_code from commission_unit where commission_id = ? order by unit_code").param(id)
                .query(String.class).list();
    }

    private Notice notice(UUID id, String what) {
        String title = jdbc.sql("select title from commission where id = ?").param(id).query(String.class).single();
        // a commission's topic is the office's internal business: its title stays inside the system
        return new Notice(Notice.Kind.COMMISSION, what, title, Classification.INTERNAL, null, "/commissions/" + id);
    }

    private String deadline(UUID id) {
        OffsetDateTime d = jdbc.sql("select deadline from commission where id = ?").param(id).query(OffsetDateTime.class).single();
        return d.atZoneSameInstant(time.zone()).format(DateTimeFormatter.ofPattern("M月d日 HH:mm"));
    }

    void asked(UUID id, String unitCode) {
        notifications.send(Role.LIAISON, unitCode, notice(id, "收到约稿，请于" + deadline(id) + "前报送或说明理由谢绝"));
    }

    void remind(UUID id, String unitCode) {
        jdbc.sql("update commission_unit set reminded_at = ? where commission_id = ? and unit_code = ?")
                .params(time.now(), id, unitCode).update();
        notifications.send(Role.LIAISON, unitCode, notice(id, "约稿将于" + deadline(id) + "截止，请尽快答复"));
    }

    void overdue(UUID id, String unitCode) {
        int marked = jdbc.sql("""
                update commission_unit set status = 'overdue', overdue_at = ?
                where commission_id = ? and unit_code = ? and status in ('unread', 'read')""")
                .params(time.now(), id, unitCode).update();
        if (marked == 0) {
            return;
        }
        String title = jdbc.sql("select title from commission where id = ?").param(id).query(String.class).single();
        UUID event = assessment.systemDeduction(unitCode, "commission_unanswered", "约稿《" + title + "》逾期未答复",
                time.today());
        jdbc.sql("update commission_unit set event_id = ? where commission_id = ? and unit_code = ?")
                .params(event, id, unitCode).update();
        notifications.send(Role.LIAISON, unitCode, notice(id, "约稿已过截止时间，记为逾期未答复"));
    }
}
