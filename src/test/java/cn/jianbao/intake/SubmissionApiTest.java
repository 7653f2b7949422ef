package cn.jianbao.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.TestDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Nested;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The submission path driven over HTTP as the demo users do it: our API to submit and read,
 * Camunda's REST API to work the tasks, with every cross-unit attempt refused.
 */
@JianbaoIntegrationTest
class SubmissionApiTest {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "demo");
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> meta, String fileName, byte[] file,
                                            HttpHeaders extra) throws Exception {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders metaHeaders = new HttpHeaders();
        metaHeaders.setContentType(MediaType.APPLICATION_JSON);
        parts.add("meta", new HttpEntity<>(json.writeValueAsString(meta), metaHeaders));
        if (file != null) {
            parts.add("file", new ByteArrayResource(file) {
                @Override
                public String getFilename() {
                    return fileName;
                }
            });
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        if (extra != null) {
            headers.addAll(extra);
        }
        return as(user).exchange("/api/submissions", HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
    }

    private static Map<String, Object> meta(String title) {
        return Map.of("title", title, "kind", "dynamic", "classification", "internal");
    }

    private String taskOf(String user, String processInstanceId, String taskKey) {
        JsonNode tasks = as(user).getForObject("/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=" + taskKey, JsonNode.class);
        assertThat(tasks).as("%s sees the %s task", user, taskKey).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private ResponseEntity<String> complete(String user, String taskId, Map<String, String> variables) {
        StringBuilder body = new StringBuilder("{\"variables\":{");
        variables.forEach((k, v) -> body.append('"').append(k).append("\":{\"value\":\"").append(v).append("\"},"));
        if (!variables.isEmpty()) {
            body.setLength(body.length() - 1);
        }
        body.append("}}");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(body.toString(), headers), String.class);
    }

    private long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aDocxTravelsFromSubmissionThroughApprovalReviewAndAdoption() throws Exception {
        byte[] docx = TestDocuments.docx("黄江镇开拓扫黑除恶宣传和线索摸排新阵地",
                "黄江镇把扫黑除恶专项斗争与领导干部驻点联系群众工作相结合，逐步形成群众积极参与的良好氛围。");
        ResponseEntity<JsonNode> created = submit("huangjiang-liaison", Map.of("title", "黄江镇开拓线索摸排新阵地",
                "kind", "dynamic", "classification", "internal", "author", "张三"), "黄江镇信息.docx", docx, null);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asText();
        String pi = created.getBody().get("processInstanceId").asText();
        assertThat(created.getBody().get("status").asText()).isEqualTo("leader_approval");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/submissions/" + id);

        JsonNode item = as("huangjiang-leader").getForObject("/api/submissions/" + id, JsonNode.class);
        assertThat(item.get("text").asText()).contains("驻点联系群众");
        assertThat(item.get("unit").get("name").asText()).isEqualTo("黄江镇");
        assertThat(item.get("author").asText()).isEqualTo("张三");
        JsonNode doc = item.get("documents").get(0);
        assertThat(doc.get("fileName").asText()).isEqualTo("黄江镇信息.docx");
        assertThat(doc.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(docx)));
        ResponseEntity<byte[]> download = as("huangjiang-leader").getForEntity(doc.get("url").asText(), byte[].class);
        assertThat(download.getBody()).isEqualTo(docx);
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("黄江镇信息.docx");

        assertThat(complete("huangjiang-leader", taskOf("huangjiang-leader", pi, "leaderApproval"),
                Map.of("decision", "approve")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete("editor", taskOf("editor", pi, "officeReview"),
                Map.of("decision", "approve", "comment", "可用")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete("signer", taskOf("signer", pi, "adoptionDecision"),
                Map.of("adoption", "standalone")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode done = as("huangjiang-liaison").getForObject("/api/submissions/" + id, JsonNode.class);
        assertThat(done.get("status").asText()).isEqualTo("awaiting_publication");
        assertThat(done.get("points").asInt()).isEqualTo(10);
        assertThat(done.get("decisions")).extracting(d -> d.get("step").asText() + "/" + d.get("actor").asText()
                        + "/" + d.get("decision").asText())
                .containsExactly("submit/huangjiang-liaison/submitted", "leaderApproval/huangjiang-leader/approve",
                        "officeReview/editor/approve", "adoptionDecision/signer/standalone");
    }

    @Nested
    class CrossUnitAccess {

        @Test
        void anotherUnitsLeaderNeitherSeesNorCompletesTheTask() throws Exception {
            JsonNode created = submit("huangjiang-liaison", meta("跨单位测试"), "a.txt",
                    "黄江镇信息正文".getBytes(java.nio.charset.StandardCharsets.UTF_8), null).getBody();
            String pi = created.get("processInstanceId").asText();
            String task = taskOf("huangjiang-leader", pi, "leaderApproval");

            JsonNode visible = as("mayong-leader").getForObject("/engine-rest/task?processInstanceId=" + pi, JsonNode.class);
            assertThat(visible).isEmpty();
            assertThat(as("mayong-leader").getForEntity("/engine-rest/task/" + task, String.class).getStatusCode().value())
                    .isIn(403, 404);
            assertThat(complete("mayong-leader", task, Map.of("decision", "approve")).getStatusCode().value())
                    .isIn(403, 404);
            // nor can the item's own liaison or an editor short-cut the leader
            assertThat(complete("huangjiang-liaison", task, Map.of("decision", "approve")).getStatusCode().value())
                    .isIn(403, 404);
            assertThat(complete("editor", task, Map.of("decision", "approve")).getStatusCode().value()).isIn(403, 404);
            assertThat(as("huangjiang-leader").getForObject("/api/submissions/" + created.get("id").asText(),
                    JsonNode.class).get("status").asText()).isEqualTo("leader_approval");
        }

        @Test
        void aLeaderCannotReRouteTheItemByChangingProcessVariables() throws Exception {
            JsonNode created = submit("huangjiang-liaison", meta("改道测试"), "a.txt",
                    "黄江镇信息正文".getBytes(java.nio.charset.StandardCharsets.UTF_8), null).getBody();
            String id = created.get("id").asText();
            String pi = created.get("processInstanceId").asText();
            String task = taskOf("huangjiang-leader", pi, "leaderApproval");
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            // the candidate may write variables on the task it works (Camunda's UPDATE on tasks) …
            for (String[] v : new String[][]{{"unitCode", "mayong"}, {"liaison", "mayong-liaison"}}) {
                as("huangjiang-leader").exchange("/engine-rest/task/" + task + "/variables/" + v[0], HttpMethod.PUT,
                        new HttpEntity<>("{\"value\":\"" + v[1] + "\",\"type\":\"String\"}", headers), String.class);
            }
            complete("huangjiang-leader", task, Map.of("decision", "return", "comment", "请修改"));
            // … but routing comes from the stored item: the revision goes to its own liaison,
            assertThat(as("mayong-liaison").getForObject("/engine-rest/task?processInstanceId=" + pi, JsonNode.class))
                    .isEmpty();
            taskOf("huangjiang-liaison", pi, "revise");
            MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("meta", "{\"text\":\"修改后的正文\"}");
            HttpHeaders multipart = new HttpHeaders();
            multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
            assertThat(as("huangjiang-liaison").exchange("/api/submissions/" + id, HttpMethod.PUT,
                    new HttpEntity<>(parts, multipart), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
            // and the next approval to its own unit's leaders
            assertThat(as("mayong-leader").getForObject("/engine-rest/task?processInstanceId=" + pi, JsonNode.class))
                    .isEmpty();
            taskOf("huangjiang-leader", pi, "leaderApproval");
        }

        @Test
        void anotherUnitsLiaisonReadsNothingOfTheItemThroughAnyUrl() throws Exception {
            JsonNode created = submit("huangjiang-liaison", meta("黄江镇内部信息"), "正文.docx",
                    TestDocuments.docx("黄江镇内部信息", "仅限本单位阅看的正文。"), null).getBody();
            String id = created.get("id").asText();
            JsonNode item = as("huangjiang-liaison").getForObject("/api/submissions/" + id, JsonNode.class);
            String documentUrl = item.get("documents").get(0).get("url").asText();
            String pi = created.get("processInstanceId").asText();

            for (String url : List.of("/api/submissions/" + id, documentUrl,
                    "/engine-rest/process-instance/" + pi, "/engine-rest/process-instance/" + pi + "/variables",
                    "/engine-rest/history/process-instance/" + pi)) {
                ResponseEntity<String> r = as("mayong-liaison").getForEntity(url, String.class);
                assertThat(r.getStatusCode().value()).as(url).isIn(403, 404);
                assertThat(r.getBody()).as(url).doesNotContain("仅限本单位");
            }
            JsonNode list = as("mayong-liaison").getForObject("/api/submissions?unit=huangjiang", JsonNode.class);
            assertThat(list).noneMatch(s -> s.get("id").asText().equals(id));
            JsonNode own = as("mayong-liaison").getForObject("/api/submissions", JsonNode.class);
            assertThat(own).noneMatch(s -> s.get("id").asText().equals(id));
            // the office and auditors do see it
            assertThat(as("editor").getForEntity("/api/submissions/" + id, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            assertThat(as("auditor").getForObject("/api/submissions?unit=huangjiang", JsonNode.class))
                    .anyMatch(s -> s.get("id").asText().equals(id));
        }

        @Test
        void withoutCredentialsNothingIsAnswered() {
            ResponseEntity<String> r = http.getForEntity("/api/submissions", String.class);
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            // a wrong password for a real user would make Camunda delay that user's next logins
            // (brute-force protection) and disturb other tests, so an unknown user stands in
            assertThat(http.withBasicAuth("no-such-user", "wrong").getForEntity("/api/submissions", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Nested
    class BadInput {

        private void assertRefusedAndNothingStored(ResponseEntity<JsonNode> r, int status, String detailPart) {
            assertThat(r.getStatusCode().value()).isEqualTo(status);
            assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(r.getBody().get("detail").asText()).contains(detailPart);
            assertThat(r.getBody().toString()).doesNotContain("Exception", "at cn.jianbao");
        }

        private void refused(Map<String, Object> meta, String fileName, byte[] file, int status, String detailPart)
                throws Exception {
            long submissions = rows("submission");
            long documents = rows("document");
            long instances = runtime.createProcessInstanceQuery().processDefinitionKey("submission").count();
            assertRefusedAndNothingStored(submit("qingxi-liaison", meta, fileName, file, null), status, detailPart);
            assertThat(rows("submission")).isEqualTo(submissions);
            assertThat(rows("document")).isEqualTo(documents);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("submission").count())
                    .isEqualTo(instances);
        }

        @Test
        void anEmptyFile() throws Exception {
            refused(meta("空文件"), "空.docx", new byte[0], 422, "空.docx");
        }

        @Test
        void aWrongExtension() throws Exception {
            refused(meta("扩展名不符"), "信息.docx", TestDocuments.cjkPdf("清溪镇信息"), 415, "信息.docx");
            refused(meta("不支持的格式"), "程序.exe", new byte[]{'M', 'Z', 0, 1, 2, 3}, 415, "程序.exe");
        }

        @Test
        void aCorruptFile() throws Exception {
            byte[] docx = TestDocuments.docx("清溪镇信息");
            refused(meta("损坏的文件"), "损坏.docx", java.util.Arrays.copyOf(docx, docx.length / 2), 422, "损坏.docx");
        }

        @Test
        void anEncryptedFile() throws Exception {
            refused(meta("加密文件"), "加密.docx", TestDocuments.encryptedDocx(TestDocuments.docx("清溪镇信息")), 422,
                    "加密");
        }

        @Test
        void textOverThreeThousandCharacters() throws Exception {
            refused(Map.of("title", "超长信息", "kind", "research", "classification", "public",
                    "text", "清".repeat(3001)), null, null, 400, "3000");
            refused(meta("超长文件"), "超长.docx", TestDocuments.docx("溪".repeat(3001)), 400, "3001");
        }

        @Test
        void missingFields() throws Exception {
            refused(Map.of("kind", "dynamic", "classification", "public", "text", "正文"), null, null, 400, "标题");
            refused(Map.of("title", "无类别", "classification", "public", "text", "正文"), null, null, 400, "类别");
            refused(Map.of("title", "无正文", "kind", "dynamic", "classification", "public"), null, null, 400, "正文");
            refused(Map.of("title", "线索", "kind", "news_lead", "classification", "public", "text", "线索内容"),
                    null, null, 400, "简要情况说明");
            refused(Map.of("title", "错类别", "kind", "gossip", "classification", "public", "text", "正文"),
                    null, null, 400, "类别");
        }

        @Test
        void malformedMeta() {
            MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("meta", "{not json");
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            ResponseEntity<JsonNode> r = as("qingxi-liaison").exchange("/api/submissions", HttpMethod.POST,
                    new HttpEntity<>(parts, headers), JsonNode.class);
            assertRefusedAndNothingStored(r, 400, "JSON");
        }

        @Test
        void onlyLiaisonsSubmit() throws Exception {
            ResponseEntity<JsonNode> r = submit("qingxi-leader", Map.of("title", "领导自报", "kind", "dynamic",
                    "classification", "public", "text", "正文"), null, null, null);
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }

        @Test
        void aDecisionWithoutAReasonIsA400WithTheReason() throws Exception {
            String pi = submit("qingxi-liaison", Map.of("title", "待审信息", "kind", "dynamic", "classification",
                    "public", "text", "清溪镇正文"), null, null, null).getBody().get("processInstanceId").asText();
            ResponseEntity<String> r = complete("qingxi-leader", taskOf("qingxi-leader", pi, "leaderApproval"),
                    Map.of("decision", "return"));
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).contains("请填写意见说明");
        }

        @Test
        void aRepeatedSubmitWithTheSameKeyStoresOneItem() throws Exception {
            HttpHeaders key = new HttpHeaders();
            key.add("Idempotency-Key", UUID.randomUUID().toString());
            Map<String, Object> meta = Map.of("title", "重复点击", "kind", "dynamic", "classification", "public",
                    "text", "清溪镇正文");
            long before = rows("submission");
            ResponseEntity<JsonNode> first = submit("qingxi-liaison", meta, null, null, key);
            ResponseEntity<JsonNode> second = submit("qingxi-liaison", meta, null, null, key);
            assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(second.getBody().get("id")).isEqualTo(first.getBody().get("id"));
            assertThat(rows("submission")).isEqualTo(before + 1);
        }
    }

    @Test
    void aReturnedItemIsRevisedThroughTheApiAndGoesBackToTheLeader() throws Exception {
        JsonNode created = submit("qingxi-liaison", Map.of("title", "待修改信息", "kind", "dynamic",
                "classification", "public", "text", "初稿正文"), null, null, null).getBody();
        String id = created.get("id").asText();
        String pi = created.get("processInstanceId").asText();
        complete("qingxi-leader", taskOf("qingxi-leader", pi, "leaderApproval"),
                Map.of("decision", "return", "comment", "请补充数据"));

        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("meta", "{\"text\":\"修改稿正文，补充了数据。\"}");
        parts.add("file", new ByteArrayResource(TestDocuments.docx("附件：典型案例材料")) {
            @Override
            public String getFilename() {
                return "附件.docx";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        // someone else's liaison may not revise it
        assertThat(as("mayong-liaison").exchange("/api/submissions/" + id, HttpMethod.PUT,
                new HttpEntity<>(parts, headers), String.class).getStatusCode().value()).isIn(403, 404);
        ResponseEntity<JsonNode> revised = as("qingxi-liaison").exchange("/api/submissions/" + id, HttpMethod.PUT,
                new HttpEntity<>(parts, headers), JsonNode.class);
        assertThat(revised.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(revised.getBody().get("text").asText()).isEqualTo("修改稿正文，补充了数据。");
        assertThat(revised.getBody().get("status").asText()).isEqualTo("leader_approval");
        assertThat(revised.getBody().get("revision").asInt()).isEqualTo(2);
        assertThat(revised.getBody().get("decisions")).extracting(d -> d.get("decision").asText())
                .containsExactly("submitted", "return", "resubmitted");
        // a second click finds nothing to revise
        assertThat(as("qingxi-liaison").exchange("/api/submissions/" + id, HttpMethod.PUT,
                new HttpEntity<>(parts, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }
}
