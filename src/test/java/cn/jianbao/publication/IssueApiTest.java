package cn.jianbao.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad drafts over HTTP: a clear Chinese 400, 403 or 409, and no issue stored half-way. */
@JianbaoIntegrationTest
class IssueApiTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;

    private ResponseEntity<JsonNode> send(String user, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private long issues() {
        return jdbc.sql("select count(*) from issue").query(Long.class).single();
    }

    @Test
    void badDraftsAreRefusedWithAReasonAndStoreNothing() {
        UUID item = journeys.adopted("mayong", "麻涌镇接口测试", "麻涌镇正文。", "standalone", "public");
        long before = issues();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("title", "无类别", "submissionIds", List.of(item.toString())),
                Map.of("series", "weekly", "title", "错类别", "submissionIds", List.of(item.toString())),
                Map.of("series", "briefing", "submissionIds", List.of(item.toString())),
                Map.of("series", "briefing", "title", "无信息", "submissionIds", List.of()),
                Map.of("series", "briefing", "title", "坏编号", "submissionIds", List.of("not-a-uuid")),
                Map.of("series", "briefing", "title", "印数", "submissionIds", List.of(item.toString()), "printRun", 0),
                // 编者按: at most 1000 characters, no control characters
                Map.of("series", "briefing", "title", "按语过长", "submissionIds", List.of(item.toString()),
                        "lead", "长".repeat(1001)),
                Map.of("series", "briefing", "title", "按语控制符", "submissionIds", List.of(item.toString()),
                        "lead", "编者按\u0000"))) {
            ResponseEntity<JsonNode> r = send("editor", HttpMethod.POST, "/api/issues", bad);
            assertThat(r.getStatusCode()).as(bad.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("detail").asText()).as(bad.toString()).isNotBlank().doesNotContain("Exception");
        }
        assertThat(issues()).isEqualTo(before);
        assertThat(send("huangjiang-leader", HttpMethod.POST, "/api/issues", Map.of("series", "briefing", "title", "x",
                "submissionIds", List.of(item.toString()))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(issues()).isEqualTo(before);
    }

    @Test
    void composedAndSentToTheSignerInOneCallOrAfterwards() {
        UUID item = journeys.adopted("qingxi", "一次送签" + UUID.randomUUID().toString().substring(0, 6), "清溪镇正文。",
                "standalone", "public");
        ResponseEntity<JsonNode> sent = send("editor", HttpMethod.POST, "/api/issues", Map.of("series", "briefing",
                "title", "一次送签", "submissionIds", List.of(item.toString()), "toSignOff", true));
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = sent.getBody().get("id").asText();
        assertThat(step(id)).isEqualTo("signOff");
        // the signer is told at once
        assertThat(jdbc.sql("select count(*) from notification where recipient = 'signer' and link like '/tasks/%' "
                + "and message like '%待您签发%' and created_at > now() - interval '1 minute'").query(Long.class).single())
                .isPositive();
        assertThat(send("editor", HttpMethod.POST, "/api/issues/" + id + "/sign-off", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        // saved as a draft, sent later by its own call; only the editor sends
        UUID other = journeys.adopted("qingxi", "稍后送签" + UUID.randomUUID().toString().substring(0, 6), "清溪镇正文。",
                "standalone", "public");
        String draft = send("editor", HttpMethod.POST, "/api/issues", Map.of("series", "briefing", "title", "稍后送签",
                "submissionIds", List.of(other.toString()))).getBody().get("id").asText();
        assertThat(step(draft)).isEqualTo("compileIssue");
        assertThat(send("signer", HttpMethod.POST, "/api/issues/" + draft + "/sign-off", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(step(draft)).isEqualTo("compileIssue");
        assertThat(send("editor", HttpMethod.POST, "/api/issues/" + draft + "/sign-off", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(step(draft)).isEqualTo("signOff");
    }

    @Test
    void recipientsOutsideTheSystemArePrintedByNameAndNeverDelivered() throws Exception {
        UUID item = journeys.adopted("qingxi", "系统外" + UUID.randomUUID().toString().substring(0, 6), "清溪镇正文。",
                "standalone", "public");
        Map<String, Object> distribution = Map.of("report", List.of(Map.of("name", " 市扫黑办 "), "office"),
                "send", List.of(), "issue", List.of("qingxi", Map.of("name", "市委政法委")));
        for (Object bad : List.of(Map.of("name", ""), Map.of("name", "名".repeat(51)), Map.of("name", 5))) {
            ResponseEntity<JsonNode> r = send("editor", HttpMethod.POST, "/api/issues", Map.of("series", "briefing",
                    "title", "坏名称", "submissionIds", List.of(item.toString()),
                    "distribution", Map.of("report", List.of(bad))));
            assertThat(r.getStatusCode()).as(String.valueOf(bad)).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        ResponseEntity<JsonNode> created = send("editor", HttpMethod.POST, "/api/issues", Map.of("series", "briefing",
                "title", "系统外收件", "submissionIds", List.of(item.toString()), "distribution", distribution,
                "toSignOff", true));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID id = UUID.fromString(created.getBody().get("id").asText());
        journeys.completeIssue(id, "signOff", "signer", Map.of("decision", "approve"));
        JsonNode issue = send("editor", HttpMethod.GET, "/api/issues/" + id, null).getBody();
        assertThat(issue.at("/distribution/report/0/name").asText()).isEqualTo("市扫黑办");
        assertThat(issue.at("/distribution/report/0/outside").asText()).isEqualTo("true");
        assertThat(issue.at("/distribution/report/1/name").asText()).isEqualTo("扫黑办");
        // delivered to the units in the system only
        assertThat(jdbc.sql("select code from issue_recipient where issue_id = ? order by position").param(id)
                .query(String.class).list()).containsExactly("office", "qingxi");
        // printed by name: 报 the higher office first
        ResponseEntity<byte[]> docx = http.withBasicAuth("editor", "demo").getForEntity("/api/issues/" + id
                + "/document?format=docx", byte[].class);
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx.getBody()));
             var text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc)) {
            assertThat(text.getText()).contains("报：市扫黑办，扫黑办", "发：市委政法委，清溪镇");
        }
    }

    private String step(String issueId) {
        return jdbc.sql("""
                select t.task_def_key_ from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                where e.business_key_ = ?""").param(issueId).query(String.class).single();
    }

    @Test
    void aDraftIsEditableWhileCompiledAndNotAfterwards() {
        UUID item = journeys.adopted("qingxi", "清溪镇接口测试", "清溪镇正文。", "standalone", "public");
        JsonNode created = send("editor", HttpMethod.POST, "/api/issues", Map.of("series", "flash", "title", "初稿",
                "submissionIds", List.of(item.toString()))).getBody();
        String id = created.get("id").asText();
        Map<String, Object> edit = Map.of("series", "flash", "title", "定稿", "submissionIds", List.of(item.toString()),
                "headlines", Map.of(item.toString(), "清溪镇：改后的标题"), "printRun", 50);
        ResponseEntity<JsonNode> edited = send("editor", HttpMethod.PUT, "/api/issues/" + id, edit);
        assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(edited.getBody().get("title").asText()).isEqualTo("定稿");
        assertThat(edited.getBody().get("items").get(0).get("headline").asText()).isEqualTo("清溪镇：改后的标题");

        journeys.completeIssue(UUID.fromString(id), "compileIssue", "editor", Map.of());
        journeys.completeIssue(UUID.fromString(id), "signOff", "signer", Map.of("decision", "approve"));
        ResponseEntity<JsonNode> late = send("editor", HttpMethod.PUT, "/api/issues/" + id, edit);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(late.getBody().get("detail").asText()).contains("不在编排环节");
    }

    @Test
    void itemsAlreadyInADraftAreNotOfferedAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("qingxi", "清溪镇编排" + tag, "正文。", "standalone", "public");
        Issue draft = journeys.draft("briefing", "编排中" + tag, List.of(item), false, Distribution.none());
        JsonNode placed = send("editor", HttpMethod.GET, "/api/issues/placed", null).getBody();
        assertThat(placed.toString()).contains(item.toString(), "编排中" + tag);
        // composing is the editor's: a unit's people learn nothing of drafts
        assertThat(send("qingxi-liaison", HttpMethod.GET, "/api/issues/placed", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        journeys.publish(draft);
        assertThat(send("editor", HttpMethod.GET, "/api/issues/placed", null).getBody().toString())
                .doesNotContain(item.toString());
    }
}
