package cn.jianbao.commission;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import cn.jianbao.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Commissions (约稿) through the API as the demo users, and every path of processes/commission.bpmn
 * (answered, declined, reminded, overdue) with the engine's clock moved.
 */
@JianbaoIntegrationTest
class CommissionTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired TaskService tasks;

    @Autowired TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ResponseEntity<JsonNode> commission(String user, Map<String, Object> body) {
        return http.withBasicAuth(user, "demo").postForEntity("/api/commissions", body, JsonNode.class);
    }

    private Map<String, Object> draft(String title, OffsetDateTime deadline, List<String> units) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("description", "请反映本地开展专项整治的做法和成效，600字以内。");
        m.put("kinds", List.of("dynamic", "research"));
        m.put("deadline", deadline.toString());
        m.put("units", units);
        return m;
    }

    private String create(List<String> units, Duration in) {
        String title = "约稿" + UUID.randomUUID().toString().substring(0, 6);
        ResponseEntity<JsonNode> r = commission("editor", draft(title, OffsetDateTime.now(BEIJING).plus(in), units));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return r.getBody().get("id").asText();
    }

    private JsonNode get(String user, String id) {
        return http.withBasicAuth(user, "demo").getForObject("/api/commissions/" + id, JsonNode.class);
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> meta) throws Exception {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders metaHeaders = new HttpHeaders();
        metaHeaders.setContentType(MediaType.APPLICATION_JSON);
        parts.add("meta", new HttpEntity<>(json.writeValueAsString(meta), metaHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, "demo").exchange("/api/submissions", HttpMethod.POST, new HttpEntity<>(parts, headers),
                JsonNode.class);
    }

    private Map<String, Object> answer(String id, String kind) {
        return Map.of("title", "答复约稿", "kind", kind, "classification", "internal", "text", "正文。", "commissionId", id);
    }

    private String processOf(String id) {
        return jdbc.sql("select process_instance_id from commission where id = ?::uuid").param(id).query(String.class).single();
    }

    private boolean passed(String pi, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(pi).activityId(activity).finished().count() > 0;
    }

    /**
     * Moves the application's clock - and with it the engine's - to {@code at} and fires the timers due
     * by then (the job executor may take them first).
     */
    private void clockAt(String pi, Instant at, String timerActivity) throws InterruptedException {
        clock.moveTo(at);
        for (Job job : management.createJobQuery().processInstanceId(pi).timers().executable().list()) {
            try {
                management.executeJob(job.getId());
            } catch (ProcessEngineException takenByTheJobExecutor) {
                // ran there
            }
        }
        org.awaitility.Awaitility.await(timerActivity).atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> passed(pi, timerActivity));
    }

    @Test
    void aUnitReadsAndAnswersWithASubmissionAndSeesOnlyItsOwnRow() throws Exception {
        String id = create(List.of("huangjiang", "mayong"), Duration.ofDays(3));
        // the liaisons have their task and a notification
        assertThat(tasks.createTaskQuery().processInstanceId(processOf(id)).taskDefinitionKey("answerCommission").count()).isEqualTo(2);
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo").getForObject("/api/notifications", JsonNode.class).toString())
                .contains("收到约稿", "/commissions/" + id);
        // the office sees every unit, unread
        JsonNode office = get("editor", id);
        assertThat(office.get("units")).hasSize(2);
        assertThat(office.get("counts").get("unread").asInt()).isEqualTo(2);
        // a unit's first look records the reading, and shows its own row only
        JsonNode mine = get("huangjiang-liaison", id);
        assertThat(mine.get("units")).hasSize(1);
        assertThat(mine.get("units").get(0).get("unit").get("code").asText()).isEqualTo("huangjiang");
        assertThat(mine.get("units").get(0).get("status").asText()).isEqualTo("read");
        assertThat(get("editor", id).get("units").get(0).get("readBy").asText()).isNotBlank();
        // another unit's member: not found, and not in their list
        assertThat(http.withBasicAuth("qingxi-liaison", "demo").getForEntity("/api/commissions/" + id, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("qingxi-liaison", "demo").getForObject("/api/commissions", JsonNode.class).toString())
                .doesNotContain(id);
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo").getForObject("/api/commissions", JsonNode.class).toString())
                .contains(id).doesNotContain("mayong");
        // Tasklist's bare completion is refused: the answer is a submission
        String task = tasks.createTaskQuery().processInstanceId(processOf(id)).taskCandidateGroup("huangjiang-liaisons")
                .singleResult().getId();
        ResponseEntity<String> bare = http.withBasicAuth("huangjiang-liaison", "demo").postForEntity(
                "/engine-rest/task/" + task + "/complete", Map.of(), String.class);
        assertThat(bare.getStatusCode().is4xxClientError()).as(bare.toString()).isTrue();
        assertThat(bare.getBody()).contains("此待办随答复自动完成");

        // a kind not asked for is refused; the answer is a submission naming the commission
        assertThat(submit("huangjiang-liaison", answer(id, "news_lead")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> answered = submit("huangjiang-liaison", answer(id, "dynamic"));
        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String submission = answered.getBody().get("id").asText();
        JsonNode after = get("editor", id);
        JsonNode row = after.get("units").get(0);
        assertThat(row.get("status").asText()).isEqualTo("answered");
        assertThat(row.get("submissionIds").get(0).asText()).isEqualTo(submission);
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo").getForObject("/api/submissions/" + submission, JsonNode.class)
                .get("commissionId").asText()).isEqualTo(id);
        // the item goes the normal path
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo").getForObject("/api/submissions/" + submission, JsonNode.class)
                .get("status").asText()).isEqualTo("leader_approval");
        assertThat(passed(processOf(id), "unitAnswered")).isTrue();

        // answering twice, or a commission sent to another unit: refused, nothing stored
        long before = jdbc.sql("select count(*) from submission").query(Long.class).single();
        assertThat(submit("huangjiang-liaison", answer(id, "dynamic")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> elsewhere = submit("qingxi-liaison", answer(id, "dynamic"));
        assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(elsewhere.getBody().get("field").asText()).isEqualTo("commissionId");
        assertThat(submit("qingxi-liaison", answer(UUID.randomUUID().toString(), "dynamic")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("select count(*) from submission").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aUnitDeclinesWithAReasonOnce() {
        String id = create(List.of("qingxi"), Duration.ofDays(2));
        ResponseEntity<JsonNode> noReason = http.withBasicAuth("qingxi-leader", "demo").postForEntity(
                "/api/commissions/" + id + "/decline", Map.of("reason", " "), JsonNode.class);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.withBasicAuth("mayong-liaison", "demo").postForEntity("/api/commissions/" + id + "/decline",
                Map.of("reason", "不相关"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("editor", "demo").postForEntity("/api/commissions/" + id + "/decline",
                Map.of("reason", "不相关"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> declined = http.withBasicAuth("qingxi-leader", "demo").postForEntity(
                "/api/commissions/" + id + "/decline", Map.of("reason", "本镇本月无相关工作"), JsonNode.class);
        assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode row = get("editor", id).get("units").get(0);
        assertThat(row.get("status").asText()).isEqualTo("declined");
        assertThat(row.get("declineReason").asText()).isEqualTo("本镇本月无相关工作");
        assertThat(passed(processOf(id), "unitDeclined")).isTrue();
        assertThat(http.withBasicAuth("qingxi-leader", "demo").postForEntity("/api/commissions/" + id + "/decline",
                Map.of("reason", "再次"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aUnitIsRemindedBeforeTheDeadlineAndOverdueAfterItWithALedgerEntry() throws Exception {
        String id = create(List.of("propaganda", "police"), Duration.ofDays(3));
        String pi = processOf(id);
        submit("police-liaison", answer(id, "research")); // police answers; propaganda does not
        Instant deadline = OffsetDateTime.parse(get("editor", id).get("deadline").asText()).toInstant();

        clockAt(pi, deadline.minus(Duration.ofHours(23)), "remindCommissionedUnit");
        JsonNode reminded = get("editor", id);
        for (JsonNode u : reminded.get("units")) {
            boolean propaganda = u.get("unit").get("code").asText().equals("propaganda");
            assertThat(u.has("remindedAt")).as(u.toString()).isEqualTo(propaganda);
        }
        assertThat(jdbc.sql("select count(*) from notification where recipient = 'propaganda-liaison' and message like '%将于%截止%'")
                .query(Long.class).single()).isPositive();

        clockAt(pi, deadline.plusSeconds(60), "recordCommissionOverdue");
        JsonNode closed = get("editor", id);
        assertThat(closed.get("counts").get("overdue").asInt()).isEqualTo(1);
        assertThat(closed.get("counts").get("answered").asInt()).isEqualTo(1);
        BigDecimal points = jdbc.sql("""
                select l.points from ledger_entry l join commission_unit cu on cu.event_id = l.event_id
                where cu.commission_id = ?::uuid and cu.unit_code = 'propaganda'""").param(id).query(BigDecimal.class).single();
        assertThat(points).isEqualByComparingTo("-10");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count()).isEqualTo(1);
        // too late to answer now
        assertThat(submit("propaganda-liaison", answer(id, "dynamic")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void badCommissionsAreRefused() {
        OffsetDateTime later = OffsetDateTime.now(BEIJING).plusDays(2);
        Object[][] cases = {
                {draft("过去", OffsetDateTime.now(BEIJING).minusHours(1), List.of("qingxi")), "deadline"},
                {draft("无单位", later, List.of()), "units"},
                {draft("未知单位", later, List.of("nowhere")), "units"},
                {draft("办公室", later, List.of("office")), "units"},
                {draft(" ", later, List.of("qingxi")), "title"}};
        long before = jdbc.sql("select count(*) from commission").query(Long.class).single();
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            ResponseEntity<JsonNode> r = commission("editor", (Map<String, Object>) c[0]);
            assertThat(r.getStatusCode()).as(c[1].toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("field").asText()).isEqualTo(c[1]);
        }
        assertThat(commission("qingxi-liaison", draft("越权", later, List.of("qingxi"))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(commission("auditor", draft("越权", later, List.of("qingxi"))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("select count(*) from commission").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aPublishedPlanSendsItsTopicsAsCommissionsAndShowsTheirProgress() {
        OffsetDateTime later = OffsetDateTime.now(BEIJING).plusDays(10);
        Map<String, Object> plan = Map.of("title", "十二月报送计划", "period", OffsetDateTime.now(BEIJING).toLocalDate().toString()
                .substring(0, 7), "topics", List.of(draft("选题一", later, List.of("huangjiang", "mayong")),
                draft("选题二", later.plusDays(1), List.of("police"))));
        ResponseEntity<JsonNode> created = http.withBasicAuth("editor", "demo").postForEntity("/api/plans", plan, JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asText();
        assertThat(created.getBody().get("status").asText()).isEqualTo("draft");
        assertThat(created.getBody().get("topics").get(0).has("commissionId")).isFalse();
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo").getForEntity("/api/plans/" + id, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        JsonNode published = http.withBasicAuth("editor", "demo").postForObject("/api/plans/" + id + "/publish", null, JsonNode.class);
        assertThat(published.get("status").asText()).isEqualTo("published");
        JsonNode first = published.get("topics").get(0);
        assertThat(first.get("commission").get("units")).hasSize(2);
        assertThat(first.get("commission").get("planId").asText()).isEqualTo(id);
        assertThat(get("police-liaison", published.get("topics").get(1).get("commissionId").asText()).get("units")).hasSize(1);
        assertThat(http.withBasicAuth("editor", "demo").postForEntity("/api/plans/" + id + "/publish", null, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> noTopics = http.withBasicAuth("editor", "demo").postForEntity("/api/plans",
                Map.of("title", "空计划", "period", "2026-12", "topics", List.of()), JsonNode.class);
        assertThat(noTopics.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
