package cn.jianbao.archive;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.TestDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The whole life of an item over HTTP, as the demo users live it: submit a .docx, approve,
 * review, adopt standalone, compile an issue, sign it off; then an editor finds the item by a
 * phrase of its text, and an auditor reads its trail, which agrees with the engine's history.
 */
@JianbaoIntegrationTest
class WholeLifeTest {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired HistoryService history;

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "demo");
    }

    private JsonNode post(String user, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> r = as(user).exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
        assertThat(r.getStatusCode().is2xxSuccessful()).as("%s %s: %s", user, url, r.getBody()).isTrue();
        return r.getBody();
    }

    private String task(String user, String processInstanceId, String key) {
        JsonNode tasks = as(user).getForObject("/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=" + key, JsonNode.class);
        assertThat(tasks).as("%s sees %s", user, key).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private void complete(String user, String processInstanceId, String key, Map<String, Object> variables) {
        Map<String, Object> vars = new java.util.HashMap<>();
        variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = as(user).exchange("/engine-rest/task/" + task(user, processInstanceId, key)
                + "/complete", HttpMethod.POST, new HttpEntity<>(Map.of("variables", vars), headers), String.class);
        assertThat(r.getStatusCode()).as("%s completes %s: %s", user, key, r.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** The search's answer once it finds exactly {@code expectedTotal}; fails at the timeout. */
    static JsonNode awaitSearch(TestRestTemplate client, String url, int expectedTotal, Duration timeout) {
        return await("search " + url + " finds " + expectedTotal).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> client.getForObject(url, JsonNode.class), r -> r != null && r.path("total").asInt(-1) == expectedTotal);
    }

    @Test
    void submitApproveReviewAdoptPublishFindAndTrace() throws Exception {
        String phrase = "驻点联系群众" + System.nanoTime() % 100000;
        byte[] docx = TestDocuments.docx("黄江镇开拓线索摸排新阵地", "黄江镇把扫黑除恶专项斗争与领导干部" + phrase
                + "工作相结合，通过深入群众提升宣传和线索摸排力度。");
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("meta", "{\"title\":\"黄江镇开拓线索摸排新阵地\",\"kind\":\"dynamic\",\"classification\":\"internal\"}");
        parts.add("file", new ByteArrayResource(docx) {
            @Override
            public String getFilename() {
                return "黄江镇信息.docx";
            }
        });
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        JsonNode created = as("huangjiang-liaison").exchange("/api/submissions", HttpMethod.POST,
                new HttpEntity<>(parts, multipart), JsonNode.class).getBody();
        String id = created.get("id").asText();
        String pi = created.get("processInstanceId").asText();

        complete("huangjiang-leader", pi, "leaderApproval", Map.of("decision", "return", "comment", "请补充成效"));
        MultiValueMap<String, Object> revision = new LinkedMultiValueMap<>();
        revision.add("meta", "{}");
        revision.add("file", new ByteArrayResource(TestDocuments.docx("黄江镇开拓线索摸排新阵地",
                "黄江镇把扫黑除恶专项斗争与领导干部" + phrase + "工作相结合，累计走访群众八百九十六人次。")) {
            @Override
            public String getFilename() {
                return "黄江镇信息（修改稿）.docx";
            }
        });
        assertThat(as("huangjiang-liaison").exchange("/api/submissions/" + id, HttpMethod.PUT,
                new HttpEntity<>(revision, multipart), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        complete("huangjiang-leader", pi, "leaderApproval", Map.of("decision", "approve", "comment", "同意报送"));
        complete("editor", pi, "officeReview", Map.of("decision", "approve"));
        complete("signer", pi, "adoptionDecision", Map.of("adoption", "standalone"));

        JsonNode issue = post("editor", "/api/issues", Map.of("series", "briefing", "title", "黄江镇开拓线索摸排新阵地",
                "submissionIds", List.of(id), "comprehensive", false,
                "distribution", Map.of("report", List.of("office"), "send", List.of(), "issue", List.of("huangjiang")),
                "printRun", 100));
        String issueId = issue.get("id").asText();
        String issuePi = issue.get("processInstanceId").asText();
        complete("editor", issuePi, "compileIssue", Map.of());
        complete("signer", issuePi, "signOff", Map.of("decision", "approve"));

        JsonNode published = as("huangjiang-liaison").getForObject("/api/issues/" + issueId, JsonNode.class);
        assertThat(published.get("status").asText()).isEqualTo("published");
        assertThat(published.get("numberLabel").asText()).matches("\\d{4}年第\\d+期");
        assertThat(published.get("items").get(0).get("text").asText()).contains("八百九十六人次");
        assertThat(as("huangjiang-liaison").getForObject("/api/submissions/" + id, JsonNode.class)
                .get("status").asText()).isEqualTo("published");

        // the editor finds it by a phrase of its text, highlighted: quoted, exactly this one (once published:
        // it was findable at its earlier stages too)
        JsonNode found = awaitSearch(as("editor"), "/api/search?stage=published&q=\"" + phrase + "\"", 1,
                Duration.ofSeconds(20));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        JsonNode hit = found.get("hits").get(0);
        assertThat(hit.get("submissionId").asText()).isEqualTo(id);
        assertThat(hit.get("issueId").asText()).isEqualTo(issueId);
        assertThat(hit.get("unit").get("name").asText()).isEqualTo("黄江镇");
        assertThat(hit.get("highlights").get("text").get(0).asText()).contains("<em>");
        assertThat(found.get("facets").get("unit").get(0).get("label").asText()).isEqualTo("黄江镇");
        // a reordering of the phrase is not the phrase
        String reversed = new StringBuilder(phrase.substring(0, 6)).reverse().toString();
        assertThat(as("editor").getForObject("/api/search?q=" + reversed + "&unit=huangjiang", JsonNode.class)
                .get("hits")).noneMatch(h -> h.get("submissionId").asText().equals(id));

        // the auditor reads the whole path
        JsonNode trail = as("auditor").getForObject("/api/submissions/" + id + "/trail", JsonNode.class);
        List<String> path = new ArrayList<>();
        trail.forEach(e -> path.add(e.get("stepId").asText() + "|" + e.get("actor").asText() + "|"
                + e.get("decision").asText()));
        assertThat(path).containsExactly(
                "submitted|huangjiang-liaison|submitted",
                "leaderApproval|huangjiang-leader|return",
                "revise|huangjiang-liaison|resubmitted",
                "leaderApproval|huangjiang-leader|approve",
                "officeReview|editor|approve",
                "adoptionDecision|signer|standalone",
                "awaitPublication|signer|published");
        assertThat(trail.get(1).get("comment").asText()).isEqualTo("请补充成效");
        assertThat(trail.get(1).get("step").asText()).isEqualTo("单位领导审批");

        // and it agrees with the engine's history: same tasks, same times, same users in the operation log
        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceId(pi)
                .orderByHistoricActivityInstanceStartTime().asc().list();
        assertThat(tasks).hasSize(5);
        for (int i = 0; i < tasks.size(); i++) {
            HistoricTaskInstance t = tasks.get(i);
            JsonNode entry = trail.get(i + 1);
            assertThat(entry.get("stepId").asText()).isEqualTo(t.getTaskDefinitionKey());
            assertThat(Instant.parse(entry.get("startedAt").asText().replace("+00:00", "Z")))
                    .isEqualTo(t.getStartTime().toInstant());
            assertThat(Instant.parse(entry.get("endedAt").asText().replace("+00:00", "Z")))
                    .isEqualTo(t.getEndTime().toInstant());
            UserOperationLogEntry completion = history.createUserOperationLogQuery().taskId(t.getId())
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream().findFirst().orElse(null);
            if (completion != null) { // completions through our API run as the system, without an engine user
                assertThat(completion.getUserId()).isEqualTo(entry.get("actor").asText());
            }
        }

        // another unit's liaison cannot read the trail; the auditor changes nothing
        assertThat(as("mayong-liaison").getForEntity("/api/submissions/" + id + "/trail", String.class)
                .getStatusCode().value()).isIn(403, 404);
        HttpHeaders jsonHeaders = new HttpHeaders();
        jsonHeaders.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("auditor").exchange("/api/issues", HttpMethod.POST, new HttpEntity<>(Map.of("series", "briefing",
                "title", "审计", "submissionIds", List.of(id)), jsonHeaders), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("auditor").exchange("/engine-rest/process-instance/" + issuePi, HttpMethod.DELETE, null,
                String.class).getStatusCode().is2xxSuccessful()).isFalse();
    }
}
