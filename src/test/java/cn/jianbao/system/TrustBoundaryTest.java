package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.ItemState;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Camunda's REST API driven as an attacker with a demo account would drive it. Each test makes
 * the attempt, asserts the refusal, and asserts that the target item's row, decisions, process
 * instances, history, variables, comments and identity links are exactly as before.
 */
@JianbaoIntegrationTest
class TrustBoundaryTest {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired SubmissionService submissions;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Journeys journeys;
    @Autowired Users users;

    ResponseEntity<String> call(String user, HttpMethod method, String url, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), String.class);
    }

    ResponseEntity<String> post(String user, String url, String body) {
        return call(user, HttpMethod.POST, url, body);
    }

    UUID waitingForLeader(String unit, String title) {
        return submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft(title, "dynamic", "internal",
                null, title + "：正文内容，供边界测试。", null, null, List.of()), null).submission().id();
    }

    UUID published(String unit, String title) {
        UUID id = journeys.adopted(unit, title, title + "：已刊发的正文。", "standalone", "public");
        journeys.publish(journeys.draft("briefing", title, List.of(id), false, Distribution.none()));
        return id;
    }

    String taskOf(UUID item, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(item.toString()).taskDefinitionKey(key)
                .singleResult().getId();
    }

    String processOf(UUID item) {
        return submissions.require(item).processInstanceId();
    }

    int status(ResponseEntity<?> r) {
        return r.getStatusCode().value();
    }

    @Nested
    class StartingTheSubmissionProcess {

        @Test
        void startInstructionsWithAnotherUnitsItemAsBusinessKeyAreRefusedAndLeaveItUntouched() {
            UUID victim = waitingForLeader("mayong", "麻涌镇待审批信息");
            UUID published = published("mayong", "麻涌镇已刊发信息");
            for (UUID target : List.of(victim, published)) {
                ItemState before = ItemState.of(jdbc, target);
                ResponseEntity<String> r = post("huangjiang-liaison", "/engine-rest/process-definition/key/submission/start",
                        """
                        {"businessKey": "%s",
                         "variables": {"adoption": {"value": "standalone"}, "points": {"value": 99, "type": "Integer"},
                                       "decision": {"value": "reject"}, "comment": {"value": "伪造的退稿理由"}},
                         "startInstructions": [{"type": "startBeforeActivity", "activityId": "recordAdoption"}],
                         "skipCustomListeners": true, "skipIoMappings": true}""".formatted(target));
                assertThat(status(r)).as(r.getBody()).isEqualTo(403);
                for (String activity : List.of("recordPublication", "recordRejection", "recordNonAdoption")) {
                    assertThat(status(post("huangjiang-liaison", "/engine-rest/process-definition/key/submission/start",
                            """
                            {"businessKey": "%s", "startInstructions": [{"type": "startBeforeActivity", "activityId": "%s"}]}"""
                                    .formatted(target, activity)))).isEqualTo(403);
                }
                assertThat(ItemState.of(jdbc, target)).isEqualTo(before);
            }
        }

        @Test
        void aPlainStartReusingABusinessKeyOrNamingAnotherInitiatorIsRefused() {
            UUID victim = published("mayong", "麻涌镇已刊发信息二");
            ItemState before = ItemState.of(jdbc, victim);
            ResponseEntity<String> reuse = post("huangjiang-liaison", "/engine-rest/process-definition/key/submission/start",
                    """
                    {"businessKey": "%s", "variables": {"title": {"value": "重置"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "public"}, "text": {"value": "正文"}}}""".formatted(victim));
            assertThat(status(reuse)).as(reuse.getBody()).isEqualTo(400);
            assertThat(reuse.getBody()).contains("businessKey");
            ResponseEntity<String> submitForm = post("huangjiang-liaison",
                    "/engine-rest/process-definition/key/submission/submit-form", """
                    {"businessKey": "%s", "variables": {"title": {"value": "重置"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "public"}, "text": {"value": "正文"}}}""".formatted(victim));
            assertThat(status(submitForm)).as(submitForm.getBody()).isEqualTo(400);
            ResponseEntity<String> idVariable = post("huangjiang-liaison",
                    "/engine-rest/process-definition/key/submission/start", """
                    {"variables": {"submissionId": {"value": "%s"}, "title": {"value": "重置"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "public"}, "text": {"value": "正文"}}}""".formatted(victim));
            assertThat(status(idVariable)).as(idVariable.getBody()).isEqualTo(400);
            assertThat(ItemState.of(jdbc, victim)).isEqualTo(before);

            long mayongItems = jdbc.sql("select count(*) from submission where liaison_id = 'mayong-liaison'")
                    .query(Long.class).single();
            ResponseEntity<String> initiator = post("huangjiang-liaison",
                    "/engine-rest/process-definition/key/submission/start", """
                    {"variables": {"initiator": {"value": "mayong-liaison"}, "title": {"value": "冒名信息"},
                     "kind": {"value": "dynamic"}, "classification": {"value": "public"}, "text": {"value": "正文"}}}""");
            assertThat(status(initiator)).as(initiator.getBody()).isEqualTo(400);
            assertThat(jdbc.sql("select count(*) from submission where liaison_id = 'mayong-liaison'")
                    .query(Long.class).single()).isEqualTo(mayongItems);
        }

        @Test
        void aStartThroughTheEngineIsTheSameAsOurApiTheItemIsTheCallers() throws Exception {
            ResponseEntity<String> r = post("huangjiang-liaison", "/engine-rest/process-definition/key/submission/start",
                    """
                    {"variables": {"title": {"value": "经引擎接口报送的信息"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "internal"}, "text": {"value": "黄江镇经引擎接口报送的正文。"}}}""");
            assertThat(status(r)).as(r.getBody()).isEqualTo(200);
            String key = json.readTree(r.getBody()).get("businessKey").asText();
            var item = submissions.require(UUID.fromString(key));
            assertThat(item.liaisonId()).isEqualTo("huangjiang-liaison");
            assertThat(item.unit().code()).isEqualTo("huangjiang");
            assertThat(item.processInstanceId()).isEqualTo(json.readTree(r.getBody()).get("id").asText());
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult().getTaskDefinitionKey())
                    .isEqualTo("leaderApproval");
            // other processes are the system's to start, and leaders start nothing
            assertThat(status(post("editor", "/engine-rest/process-definition/key/issuePublication/start", "{}")))
                    .isEqualTo(403);
            assertThat(status(post("huangjiang-leader", "/engine-rest/process-definition/key/submission/start", """
                    {"variables": {"title": {"value": "领导自报"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "public"}, "text": {"value": "正文"}}}"""))).isEqualTo(403);
        }
    }

    @Nested
    class WhoDecides {

        @Test
        void aLeaderCannotHandTheApprovalToSomeoneOutsideTheUnit() {
            UUID item = waitingForLeader("huangjiang", "黄江镇待审批信息（转交）");
            String task = taskOf(item, "leaderApproval");
            ItemState before = ItemState.of(jdbc, item);
            List<IdentityLink> linksBefore = tasks.getIdentityLinksForTask(task);
            String base = "/engine-rest/task/" + task;
            assertThat(status(post("huangjiang-leader", base + "/assignee", "{\"userId\":\"mayong-leader\"}"))).isEqualTo(403);
            assertThat(status(post("huangjiang-leader", base + "/claim", "{\"userId\":\"mayong-leader\"}"))).isEqualTo(403);
            assertThat(status(post("huangjiang-leader", base + "/delegate", "{\"userId\":\"mayong-leader\"}"))).isEqualTo(403);
            assertThat(status(post("huangjiang-leader", base + "/identity-links",
                    "{\"groupId\":\"mayong-leaders\",\"type\":\"candidate\"}"))).isEqualTo(403);
            assertThat(status(post("huangjiang-leader", base + "/identity-links",
                    "{\"userId\":\"mayong-leader\",\"type\":\"assignee\"}"))).isEqualTo(403);
            assertThat(status(call("huangjiang-leader", HttpMethod.PUT, base,
                    "{\"name\":\"单位领导审批\",\"assignee\":\"mayong-leader\",\"priority\":50}"))).isEqualTo(403);
            assertThat(status(post("mayong-leader", base + "/complete",
                    "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}"))).isEqualTo(404);
            assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
            assertThat(tasks.getIdentityLinksForTask(task)).hasSameSizeAs(linksBefore);
            assertThat(ItemState.of(jdbc, item)).isEqualTo(before);
            // claiming for oneself is work, not a hand-over
            assertThat(status(post("huangjiang-leader", base + "/claim", "{\"userId\":\"huangjiang-leader\"}")))
                    .isEqualTo(204);
        }

        @Test
        void evenTheOfficeCannotMakeAnOutsidersDecisionTheUnits() {
            UUID item = waitingForLeader("huangjiang", "黄江镇待审批信息（管理员改派）");
            String task = taskOf(item, "leaderApproval");
            ItemState before = ItemState.of(jdbc, item);
            String base = "/engine-rest/task/" + task;
            ResponseEntity<String> assign = post("admin", base + "/assignee", "{\"userId\":\"mayong-leader\"}");
            assertThat(status(assign)).as(assign.getBody()).isEqualTo(400);
            // a candidate group may be added by the office, but only the model's group decides
            assertThat(status(post("admin", base + "/identity-links",
                    "{\"groupId\":\"mayong-leaders\",\"type\":\"candidate\"}"))).isEqualTo(204);
            ResponseEntity<String> outsider = post("mayong-leader", base + "/complete",
                    "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}");
            assertThat(status(outsider)).as(outsider.getBody()).isEqualTo(403);
            assertThat(ItemState.of(jdbc, item).decisions()).isEqualTo(before.decisions());
            assertThat(ItemState.of(jdbc, item).row()).isEqualTo(before.row());
            assertThat(status(post("huangjiang-leader", base + "/complete",
                    "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}"))).isEqualTo(204);
            assertThat(submissions.require(item).status().code()).isEqualTo("office_review");
        }

        @Test
        void aCompletionCarriesOnlyTheVariablesItsTaskTakes() {
            UUID item = waitingForLeader("qingxi", "清溪镇信息（多余变量）");
            String leaderTask = taskOf(item, "leaderApproval");
            ItemState before = ItemState.of(jdbc, item);
            ResponseEntity<String> r = post("qingxi-leader", "/engine-rest/task/" + leaderTask + "/complete", """
                    {"variables": {"decision": {"value": "approve"}, "unitName": {"value": "公安分局"},
                     "title": {"value": "改过的标题"}}}""");
            assertThat(status(r)).as(r.getBody()).isEqualTo(400);
            assertThat(r.getBody()).contains("title");
            assertThat(ItemState.of(jdbc, item)).isEqualTo(before);
            journeys.complete(item, "leaderApproval", "qingxi-leader", Map.of("decision", "approve"));
            journeys.complete(item, "officeReview", "editor", Map.of("decision", "approve"));
            String adoption = taskOf(item, "adoptionDecision");
            ResponseEntity<String> points = post("signer", "/engine-rest/task/" + adoption + "/complete", """
                    {"variables": {"adoption": {"value": "standalone"}, "points": {"value": 99, "type": "Integer"}}}""");
            assertThat(status(points)).as(points.getBody()).isEqualTo(400);
            assertThat(status(post("signer", "/engine-rest/task/" + adoption + "/submit-form", """
                    {"variables": {"adoption": {"value": "standalone"}, "points": {"value": 99, "type": "Integer"}}}""")))
                    .isEqualTo(400);
            assertThat(status(post("signer", "/engine-rest/task/" + adoption + "/complete",
                    "{\"variables\": {\"adoption\": {\"value\": \"standalone\"}}}"))).isEqualTo(204);
            assertThat(submissions.require(item).points()).isEqualTo(10);
        }

        @Test
        void noVariableSwitchesOffTheRuleThatARevisionMustChangeSomething() {
            UUID item = waitingForLeader("huangjiang", "黄江镇信息（退回）");
            journeys.complete(item, "leaderApproval", "huangjiang-leader", Map.of("decision", "return",
                    "comment", "请补充数据"));
            String revise = taskOf(item, "revise");
            ItemState before = ItemState.of(jdbc, item);
            ResponseEntity<String> flag = post("huangjiang-liaison", "/engine-rest/task/" + revise + "/complete",
                    "{\"variables\": {\"revisionApplied\": {\"value\": true, \"type\": \"Boolean\"}}}");
            assertThat(status(flag)).as(flag.getBody()).isEqualTo(400);
            ResponseEntity<String> nothing = post("huangjiang-liaison", "/engine-rest/task/" + revise + "/complete", "{}");
            assertThat(status(nothing)).as(nothing.getBody()).isEqualTo(400);
            assertThat(nothing.getBody()).contains("请修改正文");
            ResponseEntity<String> commentOnly = post("huangjiang-liaison", "/engine-rest/task/" + revise + "/complete",
                    "{\"variables\": {\"comment\": {\"value\": \"已修改\"}}}");
            assertThat(status(commentOnly)).isEqualTo(400);
            assertThat(ItemState.of(jdbc, item)).isEqualTo(before);
            // a real revision goes through
            assertThat(status(post("huangjiang-liaison", "/engine-rest/task/" + revise + "/complete",
                    "{\"variables\": {\"text\": {\"value\": \"黄江镇信息（退回）：补充了数据的正文。\"}}}"))).isEqualTo(204);
            assertThat(submissions.require(item).revision()).isEqualTo(2);
        }
    }

    @Nested
    class TheAuditorChangesNothing {

        @Test
        void commentsAttachmentsClaimsAndCompletionsAreRefused() {
            UUID item = waitingForLeader("police", "公安分局信息（审计）");
            String task = taskOf(item, "leaderApproval");
            ItemState before = ItemState.of(jdbc, item);
            String base = "/engine-rest/task/" + task;
            assertThat(status(post("auditor", base + "/comment/create", "{\"message\":\"审计意见\"}"))).isEqualTo(403);
            HttpHeaders multipart = new HttpHeaders();
            multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
            var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
            parts.add("attachment-name", "审计附件");
            parts.add("url", "http://example.invalid/a");
            assertThat(status(http.withBasicAuth("auditor", "demo").exchange(base + "/attachment/create",
                    HttpMethod.POST, new HttpEntity<>(parts, multipart), String.class))).isEqualTo(403);
            assertThat(status(post("auditor", base + "/claim", "{\"userId\":\"auditor\"}"))).isEqualTo(403);
            assertThat(status(post("auditor", base + "/complete",
                    "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}"))).isEqualTo(403);
            assertThat(status(post("auditor", "/engine-rest/message",
                    "{\"messageName\":\"SubmissionPublished\",\"businessKey\":\"" + item + "\"}"))).isEqualTo(403);
            assertThat(status(post("auditor", "/engine-rest/process-definition/key/submission/start", "{}")))
                    .isEqualTo(403);
            assertThat(ItemState.of(jdbc, item)).isEqualTo(before);
            // reading stays open to them
            assertThat(status(call("auditor", HttpMethod.GET, "/engine-rest/history/process-instance?processInstanceBusinessKey="
                    + item, null))).isEqualTo(200);
        }
    }

    @Nested
    class ThePathMovesOnlyByTheEngine {

        @Test
        void messagesModificationsVariablesDeletionsAndDeploymentsAreRefusedEvenToTheAdministrator() {
            UUID item = journeys.adopted("propaganda", "宣传部待刊发信息", "宣传部待刊发信息：正文。", "standalone", "public");
            String pi = processOf(item);
            ItemState before = ItemState.of(jdbc, item);
            for (String user : List.of("signer", "admin", "propaganda-liaison")) {
                assertThat(status(post(user, "/engine-rest/message",
                        "{\"messageName\":\"SubmissionPublished\",\"businessKey\":\"" + item + "\"}"))).as(user)
                        .isEqualTo(403);
                assertThat(status(post(user, "/engine-rest/message",
                        "{\"messageName\":\"SubmissionPublished\",\"all\":true}"))).as(user).isEqualTo(403);
            }
            assertThat(status(post("admin", "/engine-rest/process-instance/" + pi + "/modification", """
                    {"instructions": [{"type": "startBeforeActivity", "activityId": "recordPublication"}]}""")))
                    .isEqualTo(403);
            assertThat(status(call("admin", HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/variables/points",
                    "{\"value\": 99, \"type\": \"Integer\"}"))).isEqualTo(403);
            assertThat(status(post("admin", "/engine-rest/process-instance/" + pi + "/variables",
                    "{\"modifications\": {\"adoption\": {\"value\": \"comprehensive\"}}}"))).isEqualTo(403);
            assertThat(status(post("admin", "/engine-rest/signal", "{\"name\": \"anything\"}"))).isEqualTo(403);
            assertThat(status(call("admin", HttpMethod.DELETE, "/engine-rest/process-instance/" + pi, null)))
                    .isEqualTo(403);
            assertThat(status(post("admin", "/engine-rest/process-instance/delete",
                    "{\"processInstanceIds\": [\"" + pi + "\"]}"))).isEqualTo(403);
            assertThat(ItemState.of(jdbc, item)).isEqualTo(before);

            UUID done = published("propaganda", "宣传部已刊发信息");
            String donePi = processOf(done);
            ItemState doneBefore = ItemState.of(jdbc, done);
            assertThat(status(call("admin", HttpMethod.DELETE, "/engine-rest/history/process-instance/" + donePi, null)))
                    .isEqualTo(403);
            assertThat(status(post("admin", "/engine-rest/process-instance/" + donePi + "/modification",
                    "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"leaderApproval\"}]}")))
                    .isIn(403, 404);
            assertThat(status(post("admin", "/engine-rest/process-definition/key/submission/restart",
                    "{\"processInstanceIds\": [\"" + donePi + "\"], \"instructions\": [{\"type\": \"startBeforeActivity\","
                            + " \"activityId\": \"leaderApproval\"}]}"))).isEqualTo(403);
            assertThat(ItemState.of(jdbc, done)).isEqualTo(doneBefore);

            HttpHeaders multipart = new HttpHeaders();
            multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
            var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
            parts.add("deployment-name", "改写流程");
            parts.add("data", new org.springframework.core.io.ByteArrayResource("<definitions/>".getBytes()) {
                @Override
                public String getFilename() {
                    return "evil.bpmn";
                }
            });
            assertThat(status(http.withBasicAuth("admin", "demo").exchange("/engine-rest/deployment/create",
                    HttpMethod.POST, new HttpEntity<>(parts, multipart), String.class))).isEqualTo(403);
        }

        @Test
        void aPublicationMessageWithoutAPublishedIssueCannotEndAnItemAsPublished() {
            UUID item = journeys.adopted("qingxi", "清溪镇待刊发信息（伪消息）", "正文。", "standalone", "public");
            UUID other = published("qingxi", "清溪镇已刊发信息（伪消息）");
            ItemState before = ItemState.of(jdbc, item);
            UUID issueOfOther = jdbc.sql("select issue_id from issue_item where submission_id = ?").param(other)
                    .query(UUID.class).single();
            // even sent from inside the application, a message naming an issue without the item is refused
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime
                            .createMessageCorrelation("SubmissionPublished").processInstanceBusinessKey(item.toString())
                            .setVariable("issueId", issueOfOther.toString()).correlate())
                    .hasStackTraceContaining("未刊发该信息");
            assertThat(ItemState.of(jdbc, item)).isEqualTo(before);
        }
    }

    @Nested
    class UnknownAndForbiddenLookAlike {

        @Test
        void aTaskOrInstanceOfAnotherUnitIsAnsweredLikeOneThatDoesNotExist() throws Exception {
            UUID item = waitingForLeader("huangjiang", "黄江镇信息（探测）");
            String task = taskOf(item, "leaderApproval");
            String pi = processOf(item);
            String unknown = UUID.randomUUID().toString();
            for (String[] pair : List.of(
                    new String[] {"/engine-rest/task/" + task + "/complete", "/engine-rest/task/" + unknown + "/complete"},
                    new String[] {"/engine-rest/task/" + task + "/claim", "/engine-rest/task/" + unknown + "/claim"},
                    new String[] {"/engine-rest/task/" + task + "/submit-form", "/engine-rest/task/" + unknown + "/submit-form"})) {
                ResponseEntity<String> forbidden = post("mayong-leader", pair[0],
                        "{\"variables\":{\"decision\":{\"value\":\"approve\"}},\"userId\":\"mayong-leader\"}");
                ResponseEntity<String> missing = post("mayong-leader", pair[1],
                        "{\"variables\":{\"decision\":{\"value\":\"approve\"}},\"userId\":\"mayong-leader\"}");
                assertThat(status(forbidden)).as(pair[0]).isEqualTo(404);
                assertThat(status(missing)).as(pair[1]).isEqualTo(404);
                assertThat(forbidden.getBody()).isEqualTo(missing.getBody());
            }
            for (String path : List.of("/engine-rest/task/%s", "/engine-rest/task/%s/variables",
                    "/engine-rest/process-instance/%s", "/engine-rest/process-instance/%s/variables")) {
                String known = path.contains("task") ? task : pi;
                ResponseEntity<String> forbidden = call("mayong-leader", HttpMethod.GET, path.formatted(known), null);
                ResponseEntity<String> missing = call("mayong-leader", HttpMethod.GET, path.formatted(unknown), null);
                assertThat(status(forbidden)).as(path + " " + forbidden.getBody()).isEqualTo(404);
                assertThat(status(missing)).as(path + " " + missing.getBody()).isEqualTo(404);
                assertThat(forbidden.getBody()).as(path).isEqualTo(missing.getBody());
            }
            for (String path : List.of("/api/submissions/%s", "/api/submissions/%s/trail")) {
                ResponseEntity<String> forbidden = call("mayong-leader", HttpMethod.GET, path.formatted(item), null);
                ResponseEntity<String> missing = call("mayong-leader", HttpMethod.GET, path.formatted(unknown), null);
                assertThat(status(forbidden)).isEqualTo(status(missing)).isEqualTo(404);
                assertThat(json.readTree(forbidden.getBody()).get("detail"))
                        .isEqualTo(json.readTree(missing.getBody()).get("detail"));
            }
        }
    }

    @Nested
    class TheWebappsEngineApi {

        @Test
        void tasklistsOwnApiIsHeldToTheSameRules() throws Exception {
            var session = cn.jianbao.testing.CookieSession.login(port, "huangjiang-liaison", "demo");
            var page = session.get("/camunda/app/tasklist/default/");
            assertThat(page.statusCode()).isEqualTo(200);
            String xsrf = session.cookie("XSRF-TOKEN");
            assertThat(xsrf).as("Camunda's CSRF cookie").isNotNull();
            UUID victim = published("mayong", "麻涌镇已刊发信息（任务列表）");
            ItemState before = ItemState.of(jdbc, victim);
            var r = session.json("POST", "/camunda/api/engine/engine/default/process-definition/key/submission/submit-form",
                    """
                    {"businessKey": "%s", "variables": {"title": {"value": "重置"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "public"}, "text": {"value": "正文"}}}""".formatted(victim),
                    "X-XSRF-TOKEN", xsrf);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            var unknown = session.json("POST", "/camunda/api/engine/engine/default/task/" + UUID.randomUUID() + "/complete",
                    "{}", "X-XSRF-TOKEN", xsrf);
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
            assertThat(ItemState.of(jdbc, victim)).isEqualTo(before);
        }
    }

    @org.springframework.boot.test.web.server.LocalServerPort int port;
}
