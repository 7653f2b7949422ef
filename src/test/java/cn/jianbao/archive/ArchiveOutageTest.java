package cn.jianbao.archive;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.system.embedded.EmbeddedElasticsearchControl;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Elasticsearch goes down during publication: nothing blocks, nothing is lost, it catches up. */
@JianbaoIntegrationTest
class ArchiveOutageTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired SubmissionService submissions;
    @Autowired EmbeddedElasticsearchControl elasticsearch;

    @Test
    void aPublicationDuringAnOutageCompletesAndBecomesSearchableWhenElasticsearchReturns() throws Exception {
        String word = "停电" + System.nanoTime() % 100000;
        UUID item = journeys.adopted("huangjiang", "黄江镇应急演练", "黄江镇开展" + word + "应急演练。", "standalone", "public");
        Issue draft = journeys.draft("flash", "快报：应急演练", List.of(item), false, Distribution.none());
        journeys.completeIssue(draft.id(), "compileIssue", "editor", java.util.Map.of());

        elasticsearch.stop();
        try {
            journeys.completeIssue(draft.id(), "signOff", "signer", java.util.Map.of("decision", "approve"));
            // the publication itself is complete
            assertThat(submissions.require(item).status()).isEqualTo(SubmissionStatus.PUBLISHED);
            assertThat(http.withBasicAuth("editor", "demo").getForObject("/api/issues/" + draft.id(), JsonNode.class)
                    .get("status").asText()).isEqualTo("published");
            // it shows up as pending, and search says clearly that it is unavailable
            JsonNode status = await("the item pending, its indexing failing").atMost(Duration.ofSeconds(30))
                    .until(() -> http.withBasicAuth("editor", "demo").getForObject("/api/archive/status", JsonNode.class),
                            s -> s.get("failing").asInt() >= 1);
            assertThat(status.get("pending").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("failing").asInt()).isGreaterThanOrEqualTo(1);
            ResponseEntity<JsonNode> search = http.withBasicAuth("editor", "demo")
                    .getForEntity("/api/search?q=" + word, JsonNode.class);
            assertThat(search.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(search.getBody().get("detail").asText()).contains("暂时不可用");
        } finally {
            elasticsearch.restart(Duration.ofMinutes(3));
        }

        JsonNode found = WholeLifeTest.awaitSearch(http.withBasicAuth("editor", "demo"), "/api/search?q=" + word, 1,
                Duration.ofSeconds(30));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.get("hits").get(0).get("submissionId").asText()).isEqualTo(item.toString());
        // and the queue drains completely (other items' changes queued meanwhile included)
        org.awaitility.Awaitility.await("the outbox drains").atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> http.withBasicAuth("editor", "demo").getForObject("/api/archive/status", JsonNode.class)
                        .get("pending").asInt() == 0);
    }
}
