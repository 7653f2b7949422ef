package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Near duplicates: an archived item copied with small edits comes first, within what the caller may read. */
@JianbaoIntegrationTest
class SimilarItemsTest {

    @Autowired TestRestTemplate http;
    @Autowired SubmissionService submissions;
    @Autowired Journeys journeys;
    @Autowired Users users;

    private UUID submit(String unit, String title, String text, String classification) {
        return submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft(title, "dynamic", classification, null,
                text, null, null, List.of()), null).submission().id();
    }

    /** Once everything queued is indexed. */
    private JsonNode similar(String user, UUID id, int unused) throws InterruptedException {
        org.awaitility.Awaitility.await("the archive's queue drains").atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> http.withBasicAuth("admin", "demo").getForObject("/api/archive/status", JsonNode.class)
                        .path("pending").asLong() == 0);
        return http.withBasicAuth(user, "demo").getForObject("/api/submissions/" + id + "/similar", JsonNode.class);
    }

    @Test
    void aCopyWithSmallEditsOfAnArchivedItemComesFirst() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        String original = "黄江镇坚持把扫黑除恶专项斗争与基层治理结合起来，组织网格员" + tag + "深入村居入户走访，"
                + "发放宣传资料三千余份，收集涉黑涉恶线索十二条，经核查后移交公安机关依法处理，群众安全感明显提升。";
        UUID archived = journeys.adopted("huangjiang", "黄江镇扫黑除恶与基层治理相结合" + tag, original, "standalone", "public");
        journeys.publish(journeys.draft("briefing", "简报" + tag, List.of(archived), false, Distribution.none()));
        UUID unrelated = submit("qingxi", "清溪镇开展冬季消防安全检查" + tag, "清溪镇组织消防检查，排查隐患二十处，网格员"
                + tag + "参与宣传。", "public");
        UUID hidden = submit("huangjiang", "黄江镇内部情况" + tag, original.replace("三千余份", "两千余份"), "restricted");
        UUID copy = submit("mayong", "麻涌镇扫黑除恶与基层治理相结合", original.replace("黄江镇", "麻涌镇")
                .replace("十二条", "十条"), "public");

        JsonNode office = similar("editor", copy, 3);
        assertThat(office.get(0).get("id").asText()).isIn(archived.toString(), hidden.toString());
        assertThat(office.get(0).get("similarity").asDouble()).isGreaterThan(0.5);
        assertThat(office.findValuesAsText("id")).contains(archived.toString(), hidden.toString());
        int unrelatedAt = office.findValuesAsText("id").indexOf(unrelated.toString());
        assertThat(unrelatedAt == -1 || office.get(unrelatedAt).get("similarity").asDouble() < 0.1).isTrue();
        assertThat(office.get(0).get("unit").get("name").asText()).isEqualTo("黄江镇");

        // the unit sees the archived original, not another unit's restricted item
        JsonNode unit = similar("mayong-liaison", copy, 1);
        assertThat(unit.get(0).get("id").asText()).isEqualTo(archived.toString());
        assertThat(unit.findValuesAsText("id")).doesNotContain(hidden.toString());
        // and nobody learns anything about an item they may not read
        assertThat(http.withBasicAuth("qingxi-liaison", "demo").getForEntity("/api/submissions/" + copy + "/similar",
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // only earlier items
        assertThat(similar("editor", archived, 0).findValuesAsText("id")).doesNotContain(copy.toString());
    }
}
