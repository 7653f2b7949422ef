package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The office's synonyms and abbreviations as search uses them: an office adds 粤政易 = 政务微信 and a
 * search for either finds both; an abbreviation finds what it stands for, not the other way round;
 * who changed what is logged; only the office changes the list.
 */
@JianbaoIntegrationTest
class SynonymsTest {

    @LocalServerPort int port;
    @Autowired Journeys journeys;
    @Autowired ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body) {
    }

    Answer call(String user, String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
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

    /** Published, so every user reads it in the archive. */
    UUID published(String title) {
        UUID id = journeys.adopted("qingxi", title, title + "：清溪镇的做法和成效。", "comprehensive", "public");
        journeys.publish(journeys.draft("briefing", title, List.of(id), true, Distribution.none()));
        return id;
    }

    List<String> found(String q) {
        List<String> ids = new ArrayList<>();
        call("editor", "GET", "/api/search?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null).body()
                .get("hits").forEach(h -> ids.add(h.get("submissionId").asText()));
        return ids;
    }

    @Test
    void anOfficeAddsAnEquivalenceAndASearchForEitherFindsBoth() {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID a = published("清溪镇推广粤政易移动办公" + tag);
        UUID b = published("清溪镇用政务微信联系群众" + tag);
        await().atMost(Duration.ofSeconds(30)).until(() -> found("政务微信").contains(b.toString()));
        assertThat(found("粤政易")).contains(a.toString()).doesNotContain(b.toString());

        Answer added = call("editor", "POST", "/api/synonyms",
                "{\"kind\": \"equivalent\", \"terms\": [\"粤政易\", \"政务微信\"], \"note\": \"广东的政务微信\"}");
        assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
        String id = added.body().get("id").asText();
        try {
            assertThat(found("粤政易")).contains(a.toString(), b.toString());
            assertThat(found("政务微信")).contains(a.toString(), b.toString());
            JsonNode list = call("auditor", "GET", "/api/synonyms", null).body();
            assertThat(list.get("mayChange").asBoolean()).isFalse();
            assertThat(list.get("log").get(0).get("actorName").asText()).isEqualTo("扫黑办编辑");
            assertThat(list.get("log").get(0).get("terms").toString()).contains("粤政易");
            // the same term in a second entry would contradict the first
            assertThat(call("signer", "POST", "/api/synonyms", "{\"kind\": \"equivalent\", \"terms\": [\"政务微信\", \"企业微信\"]}")
                    .status()).isEqualTo(409);
        } finally {
            assertThat(call("editor", "DELETE", "/api/synonyms/" + id, null).status()).isEqualTo(204);
        }
        assertThat(found("粤政易")).doesNotContain(b.toString());
    }

    @Test
    void anAbbreviationFindsWhatItStandsForNotTheOtherWayRound() {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID full = published("清溪镇深化简政放权改革" + tag);
        UUID shortened = published("清溪镇召开放管服工作推进会" + tag);
        await().atMost(Duration.ofSeconds(30)).until(() -> found("放管服").contains(shortened.toString()));
        assertThat(found("放管服")).contains(full.toString(), shortened.toString());
        assertThat(found("简政放权")).as("the full words do not mean the abbreviation").contains(full.toString())
                .doesNotContain(shortened.toString());
    }

    @Test
    void onlyTheOfficeChangesTheListAndBadEntriesAreRefused() {
        for (String user : List.of("auditor", "huangjiang-liaison", "huangjiang-leader")) {
            assertThat(call(user, "POST", "/api/synonyms", "{\"kind\": \"equivalent\", \"terms\": [\"甲词\", \"乙词\"]}")
                    .status()).as(user).isEqualTo(403);
        }
        assertThat(call("huangjiang-liaison", "GET", "/api/synonyms", null).status()).isEqualTo(403);
        Answer one = call("editor", "POST", "/api/synonyms", "{\"kind\": \"equivalent\", \"terms\": [\"孤词\"]}");
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.body().get("field").asText()).isEqualTo("terms");
        assertThat(call("editor", "POST", "/api/synonyms", "{\"kind\": \"other\", \"terms\": [\"甲\", \"乙\"]}").status())
                .isEqualTo(400);
    }
}
