package cn.jianbao.access;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The read policy, every cell: each role × each classification × each stage of an item ×
 * each door (list, page, document, trail, issue, search hit, facet count, highlight). The
 * expectations are written here from the rules in the README, independently of ReadPolicy.
 */
@JianbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadPolicyMatrixTest {

    enum Stage { RUNNING, REJECTED, PUBLISHED }

    record Item(UUID id, String classification, Stage stage, String token, String documentUrl, UUID issueId) {
        @Override
        public String toString() {
            return classification + "/" + stage.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who, and what they are to 黄江镇's items: own unit, office, on the distribution, or none of these. */
    record Reader(String userId, boolean ownUnit, boolean office, boolean onDistribution) {
        @Override
        public String toString() {
            return userId;
        }
    }

    static final List<Reader> READERS = List.of(
            new Reader("huangjiang-liaison", true, false, false),
            new Reader("huangjiang-leader", true, false, false),
            new Reader("mayong-liaison", false, false, true),     // 麻涌镇 is on the restricted issue's list
            new Reader("qingxi-leader", false, false, true),      // named in person on that list
            new Reader("qingxi-liaison", false, false, false),
            new Reader("police-leader", false, false, false),
            new Reader("editor", false, true, false),
            new Reader("signer", false, true, false),
            new Reader("auditor", false, true, false),
            new Reader("admin", false, true, false));

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired SubmissionService submissions;
    @Autowired Journeys journeys;
    @Autowired Users users;

    final List<Item> items = new ArrayList<>();

    @BeforeAll
    void createItems() throws Exception {
        for (String classification : List.of("public", "internal", "restricted")) {
            for (Stage stage : Stage.values()) {
                String token = "MX" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
                String text = "黄江镇矩阵测试信息 " + token + " 正文。";
                UUID id = submissions.submit(users.person("huangjiang-liaison"), new SubmissionDraft("矩阵" + token,
                        "dynamic", classification, null, null, null, null,
                        List.of(new SubmissionDraft.Upload("正文.txt", text.getBytes(StandardCharsets.UTF_8)))), null)
                        .submission().id();
                UUID issue = null;
                switch (stage) {
                    case RUNNING -> { }
                    case REJECTED -> journeys.complete(id, "leaderApproval", "huangjiang-leader",
                            Map.of("decision", "reject", "comment", "不予报送"));
                    case PUBLISHED -> {
                        journeys.complete(id, "leaderApproval", "huangjiang-leader", Map.of("decision", "approve"));
                        journeys.complete(id, "officeReview", "editor", Map.of("decision", "approve"));
                        journeys.complete(id, "adoptionDecision", "signer", Map.of("adoption", "standalone"));
                        issue = journeys.publish(journeys.draft("briefing", "矩阵" + token, List.of(id), false,
                                new Distribution(List.of(), List.of("qingxi-leader"), List.of("mayong")))).id();
                    }
                }
                String doc = submissions.documents(users.person("admin"), id).get(0).id().toString();
                items.add(new Item(id, classification, stage, token, "/api/submissions/" + id + "/documents/" + doc, issue));
            }
        }
        // the archive indexes publications asynchronously: wait until nothing is pending
        org.awaitility.Awaitility.await("the archive's queue drains").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("admin", "/api/archive/status").path("pending").asLong() == 0);
    }

    JsonNode get(String user, String url) {
        try {
            return json.readTree(http.withBasicAuth(user, "demo").getForObject(url, String.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int status(String user, String url) {
        return http.withBasicAuth(user, "demo").getForEntity(url, byte[].class).getStatusCode().value();
    }

    /** The rules as the README states them. */
    static boolean mayRead(Reader r, Item i) {
        if (r.office() || r.ownUnit()) {
            return true;
        }
        if (i.stage() != Stage.PUBLISHED) {
            return false; // while running (or refused) an item is its unit's and the office's only
        }
        return !i.classification().equals("restricted") || r.onDistribution();
    }

    static boolean mayReadRecord(Reader r, Item i) {
        return mayRead(r, i) && (r.office() || r.ownUnit());
    }

    @TestFactory
    Stream<DynamicTest> everyRoleEveryClassificationEveryStageEveryDoor() {
        return READERS.stream().flatMap(reader -> items.stream().map(item -> DynamicTest.dynamicTest(
                reader + " × " + item, () -> check(reader, item))));
    }

    void check(Reader reader, Item item) {
        String user = reader.userId();
        boolean content = mayRead(reader, item);
        // every stage is searchable, by exactly those who may read the item then
        boolean searchable = content;
        SoftAssertions soft = new SoftAssertions();

        JsonNode list = get(user, "/api/submissions?unit=huangjiang&size=100");
        soft.assertThat(list.findValuesAsText("id").contains(item.id().toString())).as("list").isEqualTo(content);
        soft.assertThat(status(user, "/api/submissions/" + item.id())).as("page").isEqualTo(content ? 200 : 404);
        soft.assertThat(status(user, item.documentUrl())).as("document").isEqualTo(content ? 200 : 404);
        soft.assertThat(status(user, "/api/submissions/" + item.id() + "/trail")).as("trail")
                .isEqualTo(mayReadRecord(reader, item) ? 200 : 404);
        if (content) {
            JsonNode page = get(user, "/api/submissions/" + item.id());
            soft.assertThat(page.has("decisions")).as("decisions on the page").isEqualTo(mayReadRecord(reader, item));
        }
        if (item.issueId() != null) {
            soft.assertThat(status(user, "/api/issues/" + item.issueId())).as("issue").isEqualTo(content ? 200 : 404);
            soft.assertThat(get(user, "/api/issues").findValuesAsText("id").contains(item.issueId().toString()))
                    .as("issue list").isEqualTo(content);
        }
        JsonNode result = get(user, "/api/search?q=" + item.token());
        soft.assertThat(result.path("total").asLong()).as("search hits").isEqualTo(searchable ? 1 : 0);
        long facetCount = 0;
        for (JsonNode bucket : result.path("facets").path("unit")) {
            facetCount += bucket.path("count").asLong();
        }
        soft.assertThat(facetCount).as("facet count").isEqualTo(searchable ? 1 : 0);
        soft.assertThat(result.toString().contains("<em>" + item.token() + "</em>")).as("highlight").isEqualTo(searchable);
        if (!searchable) {
            soft.assertThat(result.toString()).as("nothing of the text in the answer").doesNotContain("矩阵测试");
        }
        soft.assertAll();
    }
}
