package cn.jianbao.quota;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import cn.jianbao.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of processes/quota-reminders.bpmn, with the engine's clock moved past the wait (no sleeping). */
@JianbaoIntegrationTest
class QuotaReminderProcessTest {

    @Autowired QuotaReminders reminders;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired DirectoryAdmin directoryAdmin;
    @Autowired SubmissionService submissions;
    @Autowired Users users;

    @Autowired TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String freshTown() {
        String unit = "q" + UUID.randomUUID().toString().substring(0, 6);
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit, "催报镇" + unit, "town", null, true, 950));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(unit + "-liaison", "联络员", unit, List.of("liaison"),
                null, null, "demo", true));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(unit + "-leader", "领导", unit, List.of("leader"),
                null, null, "demo", true));
        return unit;
    }

    private String start(String unit) {
        return reminders.runNow(users.person("editor"), unit);
    }

    private List<String> levels(String unit) {
        return jdbc.sql("select distinct level from quota_reminder where unit_code = ? order by level").param(unit)
                .query(String.class).list();
    }

    private long notices(String userId) {
        return jdbc.sql("select count(*) from notification where recipient = ? and kind = 'quota_reminder'")
                .param(userId).query(Long.class).single();
    }

    private boolean passed(String processInstanceId, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(activity)
                .finished().count() > 0;
    }

    /**
     * Moves the application's clock - and with it the engine's - past the wait and fires the timer; the
     * job executor may take it first.
     */
    private void afterTheWait(String processInstanceId) throws InterruptedException {
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers().singleResult();
        assertThat(timer).as("waiting on the timer").isNotNull();
        // due as the engine sees the time (executable: due by its clock) only once the application's clock moves
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).timers().executable().count()).isZero();
        clock.advance(Duration.ofHours(25));
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).timers().executable().count()).isEqualTo(1);
        try {
            management.executeJob(timer.getId());
        } catch (ProcessEngineException takenByTheJobExecutor) {
            // fine: it ran there
        }
        org.awaitility.Awaitility.await("the process ends").atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(50)).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() > 0);
    }

    @Test
    void aUnitStillShortAfterTheWaitHasItsLeaderReminded() throws Exception {
        String unit = freshTown();
        String pi = start(unit);
        assertThat(levels(unit)).containsExactly("liaison");
        assertThat(notices(unit + "-liaison")).isEqualTo(1);
        assertThat(notices(unit + "-leader")).isZero();
        assertThat(passed(pi, "remindLiaisons")).isTrue();

        afterTheWait(pi);
        assertThat(passed(pi, "remindLeader")).isTrue();
        assertThat(passed(pi, "leaderReminded")).isTrue();
        assertThat(levels(unit)).containsExactly("leader", "liaison");
        assertThat(notices(unit + "-leader")).isEqualTo(1);
        assertThat(jdbc.sql("select message from notification where recipient = ? and kind = 'quota_reminder'")
                .param(unit + "-leader").query(String.class).single()).contains("请督促", "催报镇" + unit);
        // one time: the engine's record of the reminder and the application's notice both a day on
        Instant dayOn = Instant.now().plus(Duration.ofHours(24));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi).activityId("remindLeader")
                .singleResult().getStartTime().toInstant()).isAfter(dayOn);
        assertThat(jdbc.sql("select created_at from notification where recipient = ? and kind = 'quota_reminder'")
                .param(unit + "-leader").query(java.time.OffsetDateTime.class).single().toInstant()).isAfter(dayOn);
    }

    @Test
    void aUnitThatCatchesUpMeanwhileIsNotEscalated() throws Exception {
        String unit = freshTown();
        String pi = start(unit);
        for (String kind : List.of("dynamic", "news_lead")) {
            submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft("补报" + kind, kind, "public", null,
                    "正文。", "可联系采访对象。", null, List.of()), null);
        }
        afterTheWait(pi);
        assertThat(passed(pi, "unitCaughtUp")).isTrue();
        assertThat(passed(pi, "remindLeader")).isFalse();
        assertThat(notices(unit + "-leader")).isZero();
        assertThat(levels(unit)).containsExactly("liaison");
    }

    @Test
    void aUnitOnQuotaIsNotReminded() {
        String unit = freshTown();
        for (String kind : List.of("dynamic", "news_lead")) {
            submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft("按时" + kind, kind, "public", null,
                    "正文。", "可联系采访对象。", null, List.of()), null);
        }
        String pi = start(unit);
        assertThat(passed(pi, "nothingToRemind")).isTrue();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count()).isEqualTo(1);
        assertThat(levels(unit)).isEmpty();
        assertThat(notices(unit + "-liaison")).isZero();
    }

    @Test
    void theDailyRunStartsOnceADay() {
        jdbc.sql("delete from quota_run").update();
        reminders.daily();
        reminders.daily();
        assertThat(jdbc.sql("select count(*) from quota_run").query(Long.class).single()).isEqualTo(1);
        String pi = jdbc.sql("select process_instance_id from quota_run").query(String.class).single();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()
                + history.createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count()).isEqualTo(1);
    }
}
