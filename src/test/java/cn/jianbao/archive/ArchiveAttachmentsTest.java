package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Attachments' text is searched, says where it matched, and follows the item's read policy. */
@JianbaoIntegrationTest
class ArchiveAttachmentsTest {

    @Autowired TestRestTemplate http;
    @Autowired SubmissionService submissions;
    @Autowired Journeys journeys;
    @Autowired Users users;

    @Test
    void anAttachmentsTextIsFoundByItsReadersOnly() throws Exception {
        String token = "附件" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9a-f]", "核");
        UUID id = submissions.submit(users.person("police-liaison"), new SubmissionDraft("公安分局专项行动", "case", "restricted",
                null, null, null, null, List.of(
                        new SubmissionDraft.Upload("正文.txt", "公安分局开展专项行动，打掉团伙一个。".getBytes(StandardCharsets.UTF_8)),
                        new SubmissionDraft.Upload("典型案例.txt", ("典型案例：" + token + "线索经核查属实。")
                                .getBytes(StandardCharsets.UTF_8)))), null).submission().id();
        journeys.complete(id, "leaderApproval", "police-leader", Map.of("decision", "approve"));
        journeys.complete(id, "officeReview", "editor", Map.of("decision", "approve"));
        journeys.complete(id, "adoptionDecision", "signer", Map.of("adoption", "standalone"));
        journeys.publish(journeys.draft("special", "专报：专项行动", List.of(id), false,
                new Distribution(List.of(), List.of(), List.of("mayong"))));
        // the token quoted: exactly it (any word of it alone would also find items that hold part of it)
        String q = "/api/search?q=\"" + token + "\"";
        WholeLifeTest.awaitSearch(http.withBasicAuth("editor", "demo"), q, 1, Duration.ofSeconds(20));

        for (String reader : List.of("editor", "auditor", "police-liaison", "mayong-liaison")) {
            JsonNode r = http.withBasicAuth(reader, "demo").getForObject(q, JsonNode.class);
            assertThat(r.get("total").asInt()).as(reader).isEqualTo(1);
            JsonNode hit = r.get("hits").get(0);
            assertThat(hit.get("submissionId").asText()).isEqualTo(id.toString());
            assertThat(hit.get("matchedIn").toString()).contains("attachments");
            assertThat(hit.get("highlights").get("attachments").toString()).contains("<em>" + token + "</em>");
        }
        for (String outsider : List.of("qingxi-liaison", "huangjiang-leader")) {
            JsonNode r = http.withBasicAuth(outsider, "demo").getForObject(q, JsonNode.class);
            assertThat(r.get("total").asInt()).as(outsider).isZero();
            assertThat(r.toString()).doesNotContain(token);
        }
    }
}
