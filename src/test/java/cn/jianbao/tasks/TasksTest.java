package cn.jianbao.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 待办 as the people who decide use it: a step arrives as a notice to everyone who may take it,
 * shows in their list with its count, is decided in one call (no claim), tells the second person
 * who came first, records one decision, and withdraws everyone's notice; a return reaches the
 * liaison the same way; a restricted item's notices say nothing of it; each person's choice per
 * kind of notice is honoured; nobody else sees or decides the step.
 */
@JianbaoIntegrationTest
class TasksTest {

    @LocalServerPort int port;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired DirectoryAdmin admin;

    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body) {
    }

    Answer call(String user, String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + (user.startsWith("tasks-") ? "Jianbao-Tasks-2026" : "demo"))
                                    .getBytes(StandardCharsets.UTF_8)))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? null : json.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    UUID submit(String unit, String title, String classification) {
        return submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft(title, "dynamic", classification,
                null, title + "：正文内容，供待办测试。", null, null, List.of()), null).submission().id();
    }

    /** The person's open step of an item. */
    JsonNode stepOf(String user, UUID item) {
        Answer a = call(user, "GET", "/api/tasks?subjectId=" + item, null);
        assertThat(a.status()).isEqualTo(200);
        return a.body().size() == 0 ? null : a.body().get(0);
    }

    List<JsonNode> notices(String user, String link) {
        List<JsonNode> out = new ArrayList<>();
        call(user, "GET", "/api/notifications?size=100", null).body().forEach(n -> {
            if (link.equals(n.path("link").asText())) {
                out.add(n);
            }
        });
        return out;
    }

    /** A second leader of 清溪镇, so two people may take the same step. */
    String secondLeader() {
        String id = "tasks-" + UUID.randomUUID().toString().substring(0, 6);
        admin.createPerson(DirectoryAdmin.SYSTEM, new DirectoryAdmin.PersonDraft(id, "清溪镇副镇长", "qingxi",
                List.of("leader"), null, null, "Jianbao-Tasks-2026", true), false);
        return id;
    }

    @Test
    void twoLeadersGetTheStepOneDecidesTheOtherIsToldWhoAndOneDecisionIsRecorded() throws Exception {
        String second = secondLeader();
        UUID item = submit("qingxi", "待办甲" + UUID.randomUUID().toString().substring(0, 4), "internal");
        JsonNode step = stepOf("qingxi-leader", item);
        assertThat(step).isNotNull();
        assertThat(step.get("stepLabel").asText()).isEqualTo("单位领导审批");
        assertThat(step.get("title").asText()).startsWith("待办甲");
        assertThat(stepOf(second, item).get("id").asText()).isEqualTo(step.get("id").asText());
        String link = "/tasks/" + step.get("id").asText();
        for (String who : List.of("qingxi-leader", second)) {
            List<JsonNode> n = notices(who, link);
            assertThat(n).as(who).hasSize(1);
            assertThat(n.get(0).get("kind").asText()).isEqualTo("task");
            assertThat(n.get(0).get("message").asText()).contains("待您审批").contains("待办甲");
        }
        assertThat(call("qingxi-leader", "GET", "/api/tasks/count", null).body().get("count").asLong()).isPositive();

        // both decide at once: one decision counts, the other is told who came first
        var a = CompletableFuture.supplyAsync(() -> call("qingxi-leader", "POST", link.replace("/tasks/", "/api/tasks/")
                + "/decision", "{\"decision\": \"approve\"}"));
        var b = CompletableFuture.supplyAsync(() -> call(second, "POST", link.replace("/tasks/", "/api/tasks/")
                + "/decision", "{\"decision\": \"return\", \"comment\": \"请补充数据\"}"));
        List<Answer> answers = List.of(a.get(), b.get());
        assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(200, 409);
        Answer lost = answers.stream().filter(x -> x.status() == 409).findFirst().orElseThrow();
        assertThat(lost.body().get("detail").asText()).containsPattern("已由清溪镇(主管领导|副镇长)于.*处理");
        assertThat(jdbc.sql("select count(*) from decision where submission_id = ? and step = 'leaderApproval'")
                .param(item).query(Long.class).single()).isOne();
        // everyone's notice of the step is done; asking for it again says who decided
        for (String who : List.of("qingxi-leader", second)) {
            assertThat(notices(who, link).get(0).get("done").asBoolean()).as(who).isTrue();
            assertThat(call(who, "GET", link.replace("/tasks/", "/api/tasks/"), null).status()).isEqualTo(409);
        }
    }

    @Test
    void aReturnNeedsItsReasonAndReachesTheLiaisonWhoResubmitsFromTheStep() {
        UUID item = submit("huangjiang", "待办乙" + UUID.randomUUID().toString().substring(0, 4), "internal");
        String step = stepOf("huangjiang-leader", item).get("id").asText();
        Answer noReason = call("huangjiang-leader", "POST", "/api/tasks/" + step + "/decision", "{\"decision\": \"return\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("field").asText()).isEqualTo("comment");
        // the refusal took nothing: the step is still open to the whole group, unclaimed
        assertThat(stepOf("huangjiang-leader", item).path("heldBy").isMissingNode()
                || stepOf("huangjiang-leader", item).get("heldBy").isNull()).isTrue();
        assertThat(call("huangjiang-leader", "POST", "/api/tasks/" + step + "/decision",
                "{\"decision\": \"return\", \"comment\": \"标题太长，请精简\"}").status()).isEqualTo(200);

        JsonNode revise = stepOf("huangjiang-liaison", item);
        assertThat(revise.get("step").asText()).isEqualTo("revise");
        List<JsonNode> told = notices("huangjiang-liaison", "/tasks/" + revise.get("id").asText());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("kind").asText()).isEqualTo("returned");
        Answer resubmitted = call("huangjiang-liaison", "POST", "/api/tasks/" + revise.get("id").asText() + "/decision",
                "{\"decision\": \"resubmitted\", \"text\": \"精简后的正文：黄江镇开展专项宣传。\"}");
        assertThat(resubmitted.status()).as(String.valueOf(resubmitted.body())).isEqualTo(200);
        assertThat(stepOf("huangjiang-leader", item).get("step").asText()).isEqualTo("leaderApproval");
        assertThat(submissions.require(item).body()).startsWith("精简后的正文");
    }

    @Test
    void nobodyElseSeesOrDecidesTheStep() {
        UUID item = submit("mayong", "待办丙" + UUID.randomUUID().toString().substring(0, 4), "internal");
        String step = stepOf("mayong-leader", item).get("id").asText();
        for (String other : List.of("huangjiang-leader", "mayong-liaison", "editor", "auditor", "admin")) {
            assertThat(stepOf(other, item)).as(other).isNull();
            assertThat(call(other, "GET", "/api/tasks/" + step, null).status()).as(other).isEqualTo(404);
            assertThat(call(other, "POST", "/api/tasks/" + step + "/decision", "{\"decision\": \"approve\"}").status())
                    .as(other).isIn(403, 404);
        }
        assertThat(stepOf("mayong-leader", item)).isNotNull();
        // once decided, an outsider still learns nothing about who did
        call("mayong-leader", "POST", "/api/tasks/" + step + "/decision", "{\"decision\": \"approve\"}");
        Answer outsider = call("huangjiang-leader", "GET", "/api/tasks/" + step, null);
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.body().toString()).doesNotContain("麻涌");
    }

    @Test
    void aRestrictedItemsNoticesSayNothingOfIt() {
        String title = "限定待办" + UUID.randomUUID().toString().substring(0, 4);
        UUID item = submit("police", title, "restricted");
        String step = stepOf("police-leader", item).get("id").asText();
        JsonNode notice = notices("police-leader", "/tasks/" + step).get(0);
        assertThat(notice.get("message").asText()).doesNotContain(title).contains("待您审批");
        assertThat(jdbc.sql("select count(*) from notification_delivery d join notification n on n.id = d.notification_id "
                + "where n.task_id = ? and d.text like ?").params(step, "%" + title + "%").query(Long.class).single()).isZero();
    }

    @Test
    void eachPersonsChoicePerKindIsHonouredAndNewIssuesDoNotNotifyByDefault() {
        try {
            Answer chosen = call("propaganda-leader", "PUT", "/api/me/notification-settings",
                    "{\"email\": false, \"kinds\": {\"task\": []}}");
            assertThat(chosen.status()).isEqualTo(200);
            UUID item = submit("propaganda", "不提醒" + UUID.randomUUID().toString().substring(0, 4), "public");
            String step = stepOf("propaganda-leader", item).get("id").asText();
            assertThat(notices("propaganda-leader", "/tasks/" + step)).isEmpty(); // chose not to be told
            assertThat(call("propaganda-leader", "PUT", "/api/me/notification-settings",
                    "{\"email\": false, \"kinds\": {\"task\": [\"sms\"]}}").status()).isEqualTo(400);
        } finally {
            call("propaganda-leader", "PUT", "/api/me/notification-settings", "{\"email\": false, \"kinds\": {\"task\": [\"app\"]}}");
        }
        // a new issue lands in the inbox with its unread count, not among the notices
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID adopted = journeys.adopted("qingxi", "刊发不通知" + tag, "正文。", "standalone", "public");
        var issue = journeys.publish(journeys.draft("briefing", "不通知" + tag, List.of(adopted), false,
                new cn.jianbao.publication.Distribution(List.of(), List.of(), List.of("qingxi"))));
        assertThat(notices("qingxi-liaison", "/issues/" + issue.id())).isEmpty();
        assertThat(call("qingxi-liaison", "GET", "/api/inbox?unread=true", null).body().toString()).contains(issue.id().toString());
        Map<String, Object> settings = json.convertValue(call("qingxi-liaison", "GET", "/api/me/notification-settings", null)
                .body(), Map.class);
        assertThat(settings.get("kinds").toString()).contains("issue_delivered");
    }
}
