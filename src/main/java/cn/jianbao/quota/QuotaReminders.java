package cn.jianbao.quota;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.PersonDetails;
import cn.jianbao.directory.Role;
import cn.jianbao.notification.Notice;
import cn.jianbao.notification.Notifications;
import cn.jianbao.web.NotFoundException;
import cn.jianbao.web.OfficeTime;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts the 催报 process (processes/quota-reminders.bpmn) and does its reminding. */
@Service
public class QuotaReminders {

    static final String PROCESS = "quotaReminders";

    private final RuntimeService runtime;
    private final Quotas quotas;
    private final Notifications notifications;
    private final Directory directory;
    private final JdbcClient jdbc;
    private final OfficeTime time;
    private final QuotaProperties properties;

    QuotaReminders(RuntimeService runtime, Quotas quotas, Notifications notifications, Directory directory,
                   JdbcClient jdbc, OfficeTime time, QuotaProperties properties) {
        this.runtime = runtime;
        this.quotas = quotas;
        this.notifications = notifications;
        this.directory = directory;
        this.jdbc = jdbc;
        this.time = time;
        this.properties = properties;
    }

    /**
     * The office runs 催报 now, for every unit or one: any open window still short counts (the
     * daily run only those ending within {@code remind-days-before} days).
     */
    @Transactional
    public String runNow(Person me, String unitCode) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.REMIND_QUOTA);
        if (unitCode != null && directory.unit(unitCode).isEmpty()) {
            throw new NotFoundException("单位不存在。");
        }
        return start(time.today(), ANY_OPEN_WINDOW, me.userId(), unitCode);
    }

    /** The daily run, started once a day whichever node fires first. */
    @Scheduled(cron = "${jianbao.quotas.remind-cron:0 0 9 * * *}", zone = "${jianbao.time-zone:Asia/Shanghai}")
    @Transactional
    public void daily() {
        LocalDate today = time.today();
        quotas.close(today);
        int first = jdbc.sql("insert into quota_run (day, started_at) values (?, ?) on conflict do nothing")
                .params(today, time.now()).update();
        if (first == 1) {
            String id = start(today, properties.remindDaysBefore(), "system", null);
            jdbc.sql("update quota_run set process_instance_id = ? where day = ?").params(id, today).update();
        }
    }

    static final int ANY_OPEN_WINDOW = 120;

    String start(LocalDate day, int withinDays, String by, String unitCode) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("day", day.toString());
        vars.put("withinDays", withinDays);
        vars.put("escalateAfter", properties.escalateAfter().toString());
        vars.put("requestedBy", by);
        if (unitCode != null) {
            vars.put("onlyUnit", unitCode);
        }
        return runtime.startProcessInstanceByKey(PROCESS, day.toString(), vars).getId();
    }

    List<Quotas.Shortfall> shortfalls(LocalDate day, int withinDays, String unitCode) {
        return quotas.shortfalls(day, withinDays, unitCode);
    }

    /** Tells a unit's liaisons or leaders what it still owes; records who was reminded. Returns them. */
    @Transactional
    public List<String> remind(String unitCode, LocalDate day, int withinDays, Role role, String by,
                               String processInstanceId) {
        List<Quotas.Shortfall> owed = shortfalls(day, withinDays, unitCode);
        if (owed.isEmpty()) {
            return List.of();
        }
        DateTimeFormatter md = DateTimeFormatter.ofPattern("M月d日");
        String what = (role == Role.LEADER ? "催报（请督促）：" + owed.get(0).unitName() : "催报：本单位") + owed.stream()
                .map(s -> s.windowLabel() + Quotas.itemKindLabel(s.itemKind()) + "已报" + s.submitted() + "条、定额"
                        + s.required() + "条（" + s.windowEnd().format(md) + "截止）")
                .collect(Collectors.joining("；")) + "，请及时报送";
        List<String> told = notifications.send(directory.holders(role, unitCode).stream().map(PersonDetails::userId).toList(),
                Notice.of(Notice.Kind.QUOTA_REMINDER, what, role == Role.LEADER ? "/items" : "/submit"));
        OffsetDateTime now = time.now();
        for (Quotas.Shortfall s : owed) {
            jdbc.sql("""
                    insert into quota_reminder (id, unit_code, window_key, item_kind, level, recipients, required, submitted,
                        reminded_at, reminded_by, process_instance_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), unitCode, s.windowKey(), s.itemKind(), role.code(),
                            String.join(",", told), s.required(), s.submitted(), now, by, processInstanceId).update();
        }
        return told;
    }

    record Reminder(Map<String, String> unit, String windowKey, String windowLabel, String itemKind, String itemKindLabel, String level,
                    String levelLabel, List<Map<String, String>> recipients, int required, int submitted,
                    OffsetDateTime remindedAt, String remindedBy, String remindedByName) {
    }

    /** A window's name (2026年12月上半月) from its key (2026-12-H1); the key where it is not one. */
    private String windowLabel(String key) {
        try {
            return Window.parse(key, time.today()).label();
        } catch (RuntimeException e) {
            return key;
        }
    }

    /** Who was reminded when: the office and auditors see every unit, a unit's people their own. */
    public List<Reminder> reminders(Person me, LocalDate from, LocalDate to) {
        boolean all = cn.jianbao.access.ReadPolicy.seesEverything(me);
        return jdbc.sql("""
                select r.*, u.name unit_name from quota_reminder r join unit u on u.code = r.unit_code
                where r.reminded_at >= ? and r.reminded_at < ? and (? or r.unit_code = ?)
                order by r.reminded_at desc, u.sort_order limit 500""")
                .params(from.atStartOfDay(time.zone()).toOffsetDateTime(), to.plusDays(1).atStartOfDay(time.zone()).toOffsetDateTime(),
                        all, me.unitCode())
                .query((rs, i) -> {
                    String recipients = rs.getString("recipients");
                    List<Map<String, String>> people = recipients.isEmpty() ? List.of()
                            : java.util.Arrays.stream(recipients.split(","))
                            .map(id -> Map.of("userId", id, "name", directory.displayName(id))).toList();
                    String by = rs.getString("reminded_by");
                    String level = rs.getString("level");
                    return new Reminder(Map.of("code", rs.getString("unit_code"), "name", rs.getString("unit_name")),
                            rs.getString("window_key"), windowLabel(rs.getString("window_key")), rs.getString("item_kind"), Quotas.itemKindLabel(rs.getString("item_kind")),
                            level, level.equals("leader") ? "主管领导" : "信息联络员", people, rs.getInt("required"),
                            rs.getInt("submitted"), rs.getObject("reminded_at", OffsetDateTime.class), by,
                            by.equals("system") ? "系统（按计划）" : directory.displayName(by));
                }).list();
    }
}
