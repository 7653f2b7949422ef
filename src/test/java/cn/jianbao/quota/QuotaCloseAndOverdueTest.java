package cn.jianbao.quota;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Users;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A missed quota's ledger entry at the window's end; due dates from urgency, and the escalation of overdue steps. */
@JianbaoIntegrationTest
class QuotaCloseAndOverdueTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired Quotas quotas;
    @Autowired OverdueTasks overdue;
    @Autowired JdbcClient jdbc;
    @Autowired DirectoryAdmin directoryAdmin;
    @Autowired SubmissionService submissions;
    @Autowired TaskService tasks;
    @Autowired Users users;
    @Autowired cn.jianbao.testing.TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aMissedQuotaCostsItsPointsOnceForWindowsTheUnitExistedThrough() {
        LocalDate today = LocalDate.now(BEIJING);
        String unit = "c" + UUID.randomUUID().toString().substring(0, 6);
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit, "考核镇" + unit, "town", null, true, 970));
        jdbc.sql("update unit set created_on = ? where code = ?").params(today.minusDays(21), unit).update();
        LocalDate since = jdbc.sql("select counting_since from quota_settings").query(LocalDate.class).single();
        jdbc.sql("update quota_settings set counting_since = ?").param(today.minusDays(21)).update();
        try {
            quotas.close(today);
            quotas.close(today); // a second run (another node, the next day) charges nothing again
        } finally {
            jdbc.sql("update quota_settings set counting_since = ?").param(since).update();
        }
        List<String> missed = jdbc.sql("select window_key from quota_outcome where unit_code = ? and not met")
                .param(unit).query(String.class).list();
        // every window that ended after the unit was made, and none that began before
        long expectedWeeks = 0;
        for (LocalDate d = today.minusDays(21); d.isBefore(today); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == java.time.DayOfWeek.MONDAY && d.plusDays(6).isBefore(today)) {
                expectedWeeks++;
            }
        }
        assertThat(missed.stream().filter(k -> k.contains("-W")).count()).isEqualTo(expectedWeeks);
        assertThat(missed).allSatisfy(k -> assertThat(Window.parse(k, today).from()).isAfterOrEqualTo(today.minusDays(21)));
        List<BigDecimal> entries = jdbc.sql("""
                select points from ledger_entry where unit_code = ? and event = 'deduction' and explanation like '%定额%'""")
                .param(unit).query(BigDecimal.class).list();
        assertThat(entries).hasSize(missed.size()).allSatisfy(p -> assertThat(p).isEqualByComparingTo("-30"));
        assertThat(missed).isNotEmpty();
    }

    @Test
    void stepsAreDueByUrgencyAndAnOverdueStepTellsTheNextPersonUpOnce() {
        OffsetDateTime now = OffsetDateTime.now(BEIJING);
        UUID major = submissions.submit(users.person("qingxi-liaison"), new SubmissionDraft("重大到期" + now.toEpochSecond(),
                "dynamic", "internal", null, "正文。", null, now.minusMinutes(10), List.of(), "major"), null).submission().id();
        UUID routine = submissions.submit(users.person("qingxi-liaison"), new SubmissionDraft("日常到期" + now.toEpochSecond(),
                "dynamic", "internal", null, "正文。", null, null, List.of(), "routine"), null).submission().id();
        Task majorTask = tasks.createTaskQuery().processInstanceBusinessKey(major.toString()).singleResult();
        Task routineTask = tasks.createTaskQuery().processInstanceBusinessKey(routine.toString()).singleResult();
        assertThat(Duration.between(Instant.now(), majorTask.getDueDate().toInstant()))
                .isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
        assertThat(Duration.between(Instant.now(), routineTask.getDueDate().toInstant()))
                .isBetween(Duration.ofHours(71), Duration.ofHours(73));

        clock.advance(Duration.ofHours(2)); // the application's clock: the engine's timers are not involved
        overdue.check();
        overdue.check();
        List<String> told = jdbc.sql("""
                select recipient from notification where kind = 'task_overdue' and submission_id = ? order by recipient""")
                .param(major).query(String.class).list();
        assertThat(told).contains("qingxi-leader", "editor").doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from notification where kind = 'task_overdue' and submission_id = ?")
                .param(routine).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select message from notification where kind = 'task_overdue' and recipient = 'editor' and submission_id = ?")
                .param(major).query(String.class).single()).contains("清溪镇", "单位领导审批", "已超过办理时限");
    }
}
