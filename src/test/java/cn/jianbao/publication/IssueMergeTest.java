package cn.jianbao.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
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

/**
 * 合报: the editor merges three units' items into one comprehensive article. It is printed as one
 * piece (one headline, every unit named, every text), and each unit is credited by the rule table
 * (in full by default; the split is in AssessmentApiTest). Merges that make no sense are refused.
 */
@JianbaoIntegrationTest
class IssueMergeTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired IssueService issues;

    private ResponseEntity<JsonNode> send(String user, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private Map<String, Object> draft(String title, List<UUID> items, boolean comprehensive, Map<String, String> merged) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("series", "briefing");
        d.put("title", title);
        d.put("submissionIds", items.stream().map(UUID::toString).toList());
        d.put("comprehensive", comprehensive);
        d.put("distribution", Map.of("report", List.of("office"), "send", List.of(), "issue", List.of()));
        d.put("mergedInto", merged);
        return d;
    }

    @Test
    void threeUnitsMergedIntoOneArticleAreEachCreditedAndPrintedTogether() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID qingxi = journeys.adopted("qingxi", "清溪镇网格排查" + tag, "清溪镇组织网格员排查线索。", "comprehensive", "public");
        UUID mayong = journeys.adopted("mayong", "麻涌镇宣传发动" + tag, "麻涌镇开展集中宣传。", "comprehensive", "public");
        UUID huangjiang = journeys.adopted("huangjiang", "黄江镇驻点走访" + tag, "黄江镇驻点干部入户走访。", "comprehensive", "public");
        UUID alone = journeys.adopted("police", "公安分局专项行动" + tag, "公安分局开展专项行动。", "comprehensive", "public");
        // listed out of order: the merged items are printed right after the item they join
        List<UUID> items = List.of(mayong, alone, qingxi, huangjiang);

        // merges that make no sense: a clear 400, nothing stored
        long before = jdbc.sql("select count(*) from issue").query(Long.class).single();
        for (Map<String, String> bad : List.of(Map.of(mayong.toString(), mayong.toString()),
                Map.of(mayong.toString(), qingxi.toString(), qingxi.toString(), huangjiang.toString()),
                Map.of(mayong.toString(), UUID.randomUUID().toString()))) {
            ResponseEntity<JsonNode> r = send("editor", HttpMethod.POST, "/api/issues", draft("合报" + tag, items, true, bad));
            assertThat(r.getStatusCode()).as(bad.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().path("field").asText()).isEqualTo("mergedInto");
            assertThat(r.getBody().path("detail").asText()).matches(".*[\\u4e00-\\u9fa5].*");
        }
        assertThat(send("editor", HttpMethod.POST, "/api/issues", draft("合报" + tag, List.of(mayong, qingxi), false,
                Map.of(mayong.toString(), qingxi.toString()))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("select count(*) from issue").query(Long.class).single()).isEqualTo(before);

        ResponseEntity<JsonNode> created = send("editor", HttpMethod.POST, "/api/issues", draft("综合动态" + tag, items, true,
                Map.of(mayong.toString(), qingxi.toString(), huangjiang.toString(), qingxi.toString())));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode view = send("editor", HttpMethod.GET, "/api/issues/" + created.getBody().path("id").asText(), null).getBody();
        assertThat(view.path("items").findValuesAsText("submissionId"))
                .containsExactly(alone.toString(), qingxi.toString(), mayong.toString(), huangjiang.toString());
        assertThat(view.path("items").get(2).path("mergedInto").asText()).isEqualTo(qingxi.toString());
        Issue issue = journeys.publish(issues.find(UUID.fromString(view.path("id").asText())).orElseThrow());

        // one piece: the lead item's headline, every unit named, every text; no headline of its own for the others
        ResponseEntity<byte[]> docx = http.withBasicAuth("editor", "demo")
                .getForEntity("/api/issues/" + issue.id() + "/document?format=docx", byte[].class);
        String text;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.getBody()));
             XWPFWordExtractor ex = new XWPFWordExtractor(doc)) {
            text = ex.getText();
        }
        assertThat(text).contains("清溪镇网格排查" + tag, "（清溪镇、麻涌镇、黄江镇）", "清溪镇组织网格员排查线索。",
                "麻涌镇开展集中宣传。", "黄江镇驻点干部入户走访。", "公安分局专项行动" + tag);
        assertThat(text).doesNotContain("麻涌镇宣传发动" + tag, "黄江镇驻点走访" + tag);
        assertThat(text.indexOf("清溪镇组织网格员排查线索。")).isLessThan(text.indexOf("麻涌镇开展集中宣传。"));

        // each unit credited in full (the default table), the merge said in the ledger
        for (UUID id : List.of(qingxi, mayong, huangjiang, alone)) {
            List<Map<String, Object>> entries = jdbc.sql("select * from ledger_entry where submission_id = ?").param(id)
                    .query().listOfRows();
            assertThat(entries).hasSize(1);
            assertThat((BigDecimal) entries.get(0).get("points")).as(id.toString()).isEqualByComparingTo("3");
            if (!id.equals(alone)) {
                assertThat((String) entries.get(0).get("explanation")).contains("3家单位合报，各家全额计分");
            }
        }
    }
}
