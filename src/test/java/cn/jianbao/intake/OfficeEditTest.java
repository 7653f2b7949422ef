package cn.jianbao.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
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
import org.springframework.util.LinkedMultiValueMap;

/**
 * 改稿: the office changes an item's words without sending it back — in review and while composing,
 * not once the issue went to sign-off; the unit, the signer and the auditor see what changed and the
 * trail lists it; the published issue carries the edited text; the points stay the unit's.
 */
@JianbaoIntegrationTest
class OfficeEditTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired JdbcClient jdbc;

    private ResponseEntity<JsonNode> edit(String user, UUID id, Map<String, Object> meta) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        parts.add("meta", new HttpEntity<>(meta, json));
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, "demo").exchange("/api/submissions/" + id, HttpMethod.PUT,
                new HttpEntity<>(parts, multipart), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String url) {
        return http.withBasicAuth(user, "demo").getForEntity(url, JsonNode.class);
    }

    private UUID submitted(String title, String text) {
        return submissions.submit(users.person("huangjiang-liaison"), new SubmissionDraft(title, "dynamic", "internal",
                null, text, null, null, List.of()), null).submission().id();
    }

    @Test
    void theOfficeEditsTheWordsAndEveryoneWhoMaySeesWhatChanged() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = submitted("黄江镇开展安全生产大检查" + tag, "黄江镇近日开展安全生产大检查，共出动检查人员120人次，排查隐患35处。");
        // not yet the office's: the leader has it
        ResponseEntity<JsonNode> early = edit("editor", item, Map.of("text", "改早了"));
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody().get("detail").asText()).contains("办公室只能在审核");
        journeys.complete(item, "leaderApproval", "huangjiang-leader", Map.of("decision", "approve"));

        // in review: the editor retitles and cuts the text, with a note
        ResponseEntity<JsonNode> edited = edit("editor", item, Map.of("title", "黄江镇安全生产大检查排查隐患35处" + tag,
                "text", "黄江镇开展安全生产大检查，出动检查人员120人次，排查隐患35处。", "note", "压缩篇幅，标题突出数据"));
        assertThat(edited.getStatusCode()).as(String.valueOf(edited.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(edited.getBody().get("revision").asInt()).isEqualTo(2);
        assertThat(edited.getBody().get("title").asText()).startsWith("黄江镇安全生产大检查排查隐患35处");
        assertThat(edited.getBody().get("status").asText()).isEqualTo("office_review");
        // nothing changed is said, not stored
        ResponseEntity<JsonNode> same = edit("editor", item, Map.of("text", "黄江镇开展安全生产大检查，出动检查人员120人次，排查隐患35处。"));
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(same.getBody().get("detail").asText()).contains("没有改动");
        // only the office edits; a leader or another town's liaison cannot
        assertThat(edit("huangjiang-leader", item, Map.of("text", "领导改")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(edit("qingxi-liaison", item, Map.of("text", "外单位改")).getStatusCode().is4xxClientError()).isTrue();
        assertThat(edit("auditor", item, Map.of("text", "审计改")).getStatusCode().is4xxClientError()).isTrue();

        // the unit, the auditor and the signer see the revisions and the change; another town nothing
        for (String reader : List.of("huangjiang-liaison", "huangjiang-leader", "auditor", "signer")) {
            ResponseEntity<JsonNode> r = get(reader, "/api/submissions/" + item + "/revisions");
            assertThat(r.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
            assertThat(r.getBody()).hasSize(2);
            JsonNode second = r.getBody().get(1);
            assertThat(second.get("byOffice").asBoolean()).isTrue();
            assertThat(second.get("by").asText()).isEqualTo("扫黑办编辑");
            assertThat(second.get("note").asText()).isEqualTo("压缩篇幅，标题突出数据");
            assertThat(second.get("titleChanged").asBoolean()).isTrue();
            assertThat(second.get("textDiff").toString()).contains("\"op\":\"deleted\",\"text\":\"近日\"")
                    .contains("\"op\":\"deleted\",\"text\":\"共\"");
        }
        assertThat(get("qingxi-liaison", "/api/submissions/" + item + "/revisions").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode trail = get("auditor", "/api/submissions/" + item + "/trail").getBody();
        assertThat(trail.toString()).contains("办公室改稿", "扫黑办编辑", "压缩篇幅，标题突出数据");

        // adopted, composed; still editable while compiling, not once sent to sign-off
        journeys.complete(item, "officeReview", "editor", Map.of("decision", "approve"));
        journeys.complete(item, "adoptionDecision", "signer", Map.of("adoption", "standalone"));
        Issue draft = journeys.draft("briefing", "改稿测试" + tag, List.of(item), false, Distribution.none());
        ResponseEntity<JsonNode> compiling = edit("editor", item, Map.of(
                "text", "黄江镇开展安全生产大检查，出动检查人员120人次，排查整改隐患35处。", "note", "编排时补充"));
        assertThat(compiling.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(compiling.getBody().get("revision").asInt()).isEqualTo(3);
        journeys.completeIssue(draft.id(), "compileIssue", "editor", Map.of());
        ResponseEntity<JsonNode> signing = edit("editor", item, Map.of("text", "签发时再改"));
        assertThat(signing.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(signing.getBody().get("detail").asText()).contains("已送签发");
        journeys.completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "approve"));

        // what is published is the edited text; the points are the unit's
        JsonNode issue = get("editor", "/api/issues/" + draft.id()).getBody();
        assertThat(issue.toString()).contains("排查整改隐患35处").doesNotContain("近日开展");
        Map<String, Object> ledger = jdbc.sql("select unit_code, points from ledger_entry where submission_id = ?")
                .param(item).query().singleRow();
        assertThat(ledger.get("unit_code")).isEqualTo("huangjiang");
        assertThat((BigDecimal) ledger.get("points")).isEqualByComparingTo("10");
        assertThat(submissions.require(item).unit().code()).isEqualTo("huangjiang");
        assertThat(edit("editor", item, Map.of("text", "刊发后再改")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void theLiaisonsResubmissionIsARevisionToo() {
        UUID item = submitted("退回修改记录" + UUID.randomUUID().toString().substring(0, 6), "初稿正文。");
        journeys.complete(item, "leaderApproval", "huangjiang-leader", Map.of("decision", "return", "comment", "请补充"));
        submissions.revise(users.person("huangjiang-liaison"), item, new SubmissionDraft(null, null, null, null,
                "补充后的正文。", null, null, List.of()));
        JsonNode revisions = get("huangjiang-liaison", "/api/submissions/" + item + "/revisions").getBody();
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(1).get("byOffice").asBoolean()).isFalse();
        assertThat(revisions.get(1).get("by").asText()).isEqualTo("黄江镇信息员");
        assertThat(revisions.get(1).get("textDiff").toString()).contains("补充后的").contains("初稿");
    }
}
