package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Who finds what: restricted items only for the office and the issue's distribution (and the
 * submitting unit), in hits, totals, facets and highlights alike; a hostile or malformed query
 * is a clear 400, never a 500.
 */
@JianbaoIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveSearchTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired ArchiveSearch search;
    @Autowired ArchiveIndexer indexer;
    @Autowired ArchiveIndex index;
    @Autowired co.elastic.clients.elasticsearch.ElasticsearchClient es;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}") String url;
    @org.springframework.beans.factory.annotation.Value("${spring.datasource.username}") String user;
    @org.springframework.beans.factory.annotation.Value("${spring.datasource.password:}") String password;

    private final String word = "暗访" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9a-f]", "核");
    private Issue restrictedIssue;
    private UUID restrictedItem;
    private UUID publicItem;

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "demo");
    }

    @BeforeAll
    void publishOneRestrictedAndOnePublicItem() throws Exception {
        restrictedItem = journeys.adopted("police", "公安分局涉黑案件线索", "公安分局" + word + "发现涉黑团伙线索，正在侦办。",
                "standalone", "restricted");
        restrictedIssue = journeys.publish(journeys.draft("special", "专报：涉黑案件", List.of(restrictedItem), false,
                new Distribution(List.of("office"), List.of("signer"), List.of("mayong"))));
        publicItem = journeys.adopted("qingxi", "清溪镇公开宣传", "清溪镇开展" + word + "宣传，发放资料，推进垃圾分类。", "standalone", "public");
        journeys.publish(journeys.draft("briefing", "简报：清溪镇宣传", List.of(publicItem), false, Distribution.none()));
        // both as published (each was searchable at every stage before; the published versions come a moment later)
        WholeLifeTest.awaitSearch(as("editor"), "/api/search?stage=published&q=" + word, 2, Duration.ofSeconds(20));
        // and nothing of theirs still queued: a later write (publication is recorded twice) would change the
        // index's statistics, and with them the order of equally matching hits, between two searches of a test
        org.awaitility.Awaitility.await("the archive's queue empty").atMost(Duration.ofSeconds(20))
                .until(() -> as("editor").getForObject("/api/archive/status", JsonNode.class).get("pending").asLong() == 0);
    }

    private JsonNode search(String user, String query) {
        return as(user).getForObject("/api/search?q=" + word + query, JsonNode.class);
    }

    private static List<String> ids(JsonNode result) {
        return result.get("hits").findValuesAsText("submissionId");
    }

    private static long facetCount(JsonNode result, String facet, String key) {
        for (JsonNode bucket : result.get("facets").get(facet)) {
            if (bucket.get("key").asText().equals(key)) {
                return bucket.get("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void aQueryThatFindsNothingSuggestsOneThatDoesCountedForTheCallerOnly() {
        // one word the archive never uses no longer hides the documents that hold the other
        assertThat(as("editor").getForObject("/api/search?q=暗访陨石", JsonNode.class).get("total").asLong())
                .isEqualTo(as("editor").getForObject("/api/search?q=暗访", JsonNode.class).get("total").asLong()).isPositive();
        // a code typed must occur: one that does not finds nothing, and the query without it is offered
        JsonNode editor = as("editor").getForObject("/api/search?q=暗访 ZZ9Y8X", JsonNode.class);
        assertThat(editor.get("total").asInt()).isZero();
        JsonNode first = without(editor);
        assertThat(first.get("q").asText()).isEqualTo("暗访");
        assertThat(first.get("without").asText()).isEqualTo("zz9y8x");
        long forOffice = first.get("total").asLong();
        assertThat(forOffice).isEqualTo(as("editor").getForObject("/api/search?q=暗访", JsonNode.class).get("total").asLong());
        // an outsider's suggestion counts only what they may read
        JsonNode outsider = as("qingxi-liaison").getForObject("/api/search?q=暗访 ZZ9Y8X", JsonNode.class);
        assertThat(without(outsider).get("total").asLong())
                .isEqualTo(as("qingxi-liaison").getForObject("/api/search?q=暗访", JsonNode.class).get("total").asLong())
                .isLessThan(forOffice);
    }

    private static JsonNode without(JsonNode result) {
        for (JsonNode s : result.get("suggestions")) {
            if ("without".equals(s.get("kind").asText())) {
                return s;
            }
        }
        throw new AssertionError("no shorter query suggested: " + result.get("suggestions"));
    }

    @Test
    void aWordTypedWithOneWrongCharacterGetsDidYouMean() {
        // 分类 typed as 分泪 (a homophone slip of the input method): nothing found, the corrected query offered
        JsonNode r = as("qingxi-liaison").getForObject("/api/search?q=垃圾分泪", JsonNode.class);
        // what holds 垃圾 is found; no document holds both words, so the correction is offered first
        JsonNode first = r.get("suggestions").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("spelling");
        assertThat(first.get("q").asText()).isEqualTo("垃圾分类");
        assertThat(ids(as("qingxi-liaison").getForObject("/api/search?q=垃圾分类", JsonNode.class)))
                .contains(publicItem.toString());
        // every suggestion finds, for this caller, exactly what it says: never a word only others may read
        for (String user : List.of("editor", "qingxi-liaison", "huangjiang-liaison")) {
            for (String q : List.of("垃圾分泪", "团火线索", "分局团火", "暗访陨石")) {
                for (JsonNode sg : as(user).getForObject("/api/search?q={q}", JsonNode.class, q).get("suggestions")) {
                    assertThat(as(user).getForObject("/api/search?q={q}", JsonNode.class, sg.get("q").asText())
                            .get("total").asLong()).as(user + " " + q + " → " + sg).isEqualTo(sg.get("total").asLong())
                            .isPositive();
                }
            }
        }
        // the restricted item's 团伙 is offered to the office, not to a town that may not read it
        assertThat(as("editor").getForObject("/api/search?q={q}", JsonNode.class, "分局团火").get("suggestions")
                .findValuesAsText("q")).anySatisfy(q -> assertThat(q).contains("团伙"));
        assertThat(as("huangjiang-liaison").getForObject("/api/search?q={q}", JsonNode.class, "分局团火" + word)
                .get("suggestions").findValuesAsText("q")).noneSatisfy(q -> assertThat(q).contains("团伙"));
    }

    @Test
    void theUnitFilterListsEveryUnitForEveryoneSignedIn() {
        JsonNode all = as("admin").getForObject("/api/units", JsonNode.class);
        JsonNode forTown = as("qingxi-liaison").getForObject("/api/archive/units", JsonNode.class);
        assertThat(forTown.findValuesAsText("code")).containsExactlyElementsOf(all.findValuesAsText("code"))
                .contains("huangjiang", "mayong", "police");
        assertThat(forTown.get(0).get("name").asText()).isNotBlank();
        assertThat(http.getForEntity("/api/archive/units", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anIdentifierTypedMustOccur() {
        // both items hold 暗访… and 宣传/线索; a code neither holds finds neither, although the other
        // words would be "three in four"
        assertThat(as("editor").getForObject("/api/search?q={q}", JsonNode.class, word + "宣传编号XK20260417")
                .get("total").asInt()).isZero();
        assertThat(as("editor").getForObject("/api/search?q={q}", JsonNode.class, word + "宣传编号")
                .get("total").asInt()).isPositive();
    }

    @Test
    void wordsTypedTogetherFindTheirDocumentWhereverTheyStand() {
        // 分局 … 团伙 apart in the text, typed as one string; 资料 … 清溪镇 likewise
        assertThat(ids(as("editor").getForObject("/api/search?q=分局团伙" + word, JsonNode.class)))
                .contains(restrictedItem.toString());
        // (other items share some of the words: this one, holding all of them, comes first)
        assertThat(ids(as("qingxi-liaison").getForObject("/api/search?q=资料清溪镇" + word, JsonNode.class)))
                .first().isEqualTo(publicItem.toString());
        // an unknown word the segmenter cuts into characters is found as those characters in a row
        assertThat(ArchiveSearch.mergeSingles(List.of("工", "厂", "火情"))).containsExactly("工厂", "火情");
        // letters and digits are left as the index holds them (a token such as MX1A2B)
        assertThat(ArchiveSearch.mergeSingles(List.of("mx", "1", "a", "2", "b"))).containsExactly("mx", "1", "a", "2", "b");
        // exact phrases run on character pairs: overlapping, never across punctuation, a lone character as itself
        assertThat(ChineseWords.pairs("市场监管，MX1A2B 的。")).isEqualTo("市场 场监 监管 mx1a2b 的");
        assertThat(ChineseWords.pairs("黑")).isEqualTo("黑");
        // a code typed is one word (the pair fields' one token), not single letters and digits, three in
        // four of which match nearly any other code
        assertThat(search.chunkWords("核查MX1A2B线索")).contains("mx1a2b").doesNotContain("mx", "1", "a", "2", "b");
        // an identifier is required, a year or a short number is one word among the others
        assertThat(ArchiveSearch.identifier("mx1a2b")).isTrue();
        assertThat(ArchiveSearch.identifier("20260417")).isTrue();
        assertThat(ArchiveSearch.identifier("2026")).isFalse();
        assertThat(ArchiveSearch.identifier("gdp")).isFalse();
    }

    @Test
    void theOfficeFindsBoth() {
        JsonNode r = search("editor", "");
        assertThat(r.get("total").asInt()).isEqualTo(2);
        assertThat(ids(r)).containsExactlyInAnyOrder(restrictedItem.toString(), publicItem.toString());
        assertThat(search("auditor", "").get("total").asInt()).isEqualTo(2);
    }

    @Test
    void readersInTheDistributionAndTheSubmittingUnitFindTheRestrictedItem() {
        assertThat(ids(search("mayong-liaison", ""))).contains(restrictedItem.toString());
        assertThat(ids(search("police-leader", ""))).contains(restrictedItem.toString());
    }

    @Test
    void everyoneElseNeitherFindsNorCountsNorSeesItHighlighted() {
        JsonNode r = search("qingxi-liaison", "");
        assertThat(r.get("total").asInt()).isEqualTo(1);
        assertThat(ids(r)).containsExactly(publicItem.toString());
        assertThat(facetCount(r, "unit", "police")).isZero();
        assertThat(facetCount(r, "series", "special")).isZero();
        assertThat(r.toString()).doesNotContain("涉黑团伙");
        // nor reach it by a filter, nor read its issue
        assertThat(search("huangjiang-leader", "&unit=police").get("total").asInt()).isZero();
        assertThat(as("qingxi-liaison").getForEntity("/api/issues/" + restrictedIssue.id(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as("mayong-liaison").getForEntity("/api/issues/" + restrictedIssue.id(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("police-liaison").getForEntity("/api/issues/" + restrictedIssue.id(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void filtersFacetsPagingAndSorting() {
        JsonNode r = search("editor", "&series=briefing&size=1&page=0&sort=newest");
        assertThat(r.get("total").asInt()).isEqualTo(1);
        assertThat(ids(r)).containsExactly(publicItem.toString());
        JsonNode all = search("editor", "&size=1&page=1");
        assertThat(all.get("hits")).hasSize(1);
        assertThat(all.get("total").asInt()).isEqualTo(2);
        JsonNode facets = search("editor", "").get("facets");
        assertThat(facets.get("kind").get(0).get("label").asText()).isEqualTo("动态信息");
        assertThat(facets.get("year").get(0).get("label").asText()).endsWith("年");
        assertThat(search("editor", "&from=2000-01-01&to=2000-12-31").get("total").asInt()).isZero();
        assertThat(search("editor", "&kind=dynamic").get("total").asInt()).isEqualTo(2);
        // a further page of the same query, as the archive page asks for it: the same hits, no counts
        JsonNode second = search("editor", "&size=1&page=1&facets=false");
        assertThat(second.has("facets")).isFalse();
        assertThat(second.get("total").asInt()).isEqualTo(2);
        assertThat(ids(second)).isEqualTo(ids(all));
        assertThat(as("editor").getForEntity("/api/search?q=x&facets=perhaps", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void malformedQueriesAreClearFourHundreds() {
        for (String bad : List.of("&size=1000", "&page=-1", "&from=2026-13-45", "&kind=gossip", "&series=daily",
                "&sort=random", "&unit=" + "%27%3B+drop", "&page=abc")) {
            ResponseEntity<JsonNode> r = as("editor").getForEntity("/api/search?q=" + word + bad, JsonNode.class);
            assertThat(r.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("detail").asText()).as(bad).isNotBlank().doesNotContain("Exception");
        }
        ResponseEntity<JsonNode> tooLong = as("editor").getForEntity("/api/search?q=" + "长".repeat(101), JsonNode.class);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // a date range the wrong way round says so
        ResponseEntity<JsonNode> backwards = as("editor").getForEntity("/api/search?from=2026-05-01&to=2026-04-01",
                JsonNode.class);
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(backwards.getBody().get("field").asText()).isEqualTo("from");
        assertThat(backwards.getBody().get("detail").asText()).contains("晚于截止日期");
    }

    @Test
    void aTenThousandCharacterQueryEmptyQueriesAndPagesBeyondTheLast() {
        // 10,000 characters pasted into the box: a clear message, whether the query or the request line is refused
        for (String huge : List.of("检".repeat(10_000), "a".repeat(10_000))) {
            ResponseEntity<String> r = as("editor").getForEntity("/api/search?q={q}", String.class, huge);
            assertThat(r.getStatusCode().value()).isEqualTo(400);
            assertThat(r.getBody()).contains("太长").doesNotContain("Exception").doesNotContain("Tomcat");
        }
        // an empty (or blank) query lists what the caller may read, newest first
        JsonNode empty = as("qingxi-liaison").getForObject("/api/search?q=", JsonNode.class);
        JsonNode blank = as("qingxi-liaison").getForObject("/api/search?q={q}", JsonNode.class, "  \u3000");
        assertThat(empty.get("total").asLong()).isPositive().isEqualTo(blank.get("total").asLong());
        assertThat(ids(empty)).doesNotContain(restrictedItem.toString());
        // a page beyond the last: no hits, the same exact total, not an error
        long total = search("editor", "").get("total").asLong();
        JsonNode beyond = search("editor", "&page=50&size=20");
        assertThat(beyond.get("total").asLong()).isEqualTo(total);
        assertThat(beyond.get("hits")).isEmpty();
    }

    @Test
    void theIndexStatusIsTheOfficesOnly() {
        assertThat(as("qingxi-liaison").getForEntity("/api/archive/status", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("editor").getForObject("/api/archive/status", JsonNode.class).has("pending")).isTrue();
    }

    @Test
    void queryDslInTheQueryIsJustText() {
        for (String hostile : List.of("{\"match_all\":{}}", "* OR 1=1", "readers:office", "\"" + word + "\" OR *",
                "<script>alert(1)</script>", "\\", "((((")) {
            ResponseEntity<JsonNode> r = as("qingxi-liaison").getForEntity("/api/search?q={q}", JsonNode.class, hostile);
            assertThat(r.getStatusCode()).as(hostile).isEqualTo(HttpStatus.OK);
            assertThat(ids(r.getBody())).as(hostile).doesNotContain(restrictedItem.toString());
        }
    }

    @Test
    void highlightsAreEscaped() {
        JsonNode hit = search("editor", "&series=briefing").get("hits").get(0);
        String fragment = hit.get("highlights").get("text").get(0).asText();
        assertThat(fragment).contains("<em>").doesNotContain("<script");
    }

    @Test
    void onlyTheAdministratorRebuildsTheIndexAndNothingIsLost() throws Exception {
        assertThat(as("editor").postForEntity("/api/archive/rebuild", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> rebuilt = as("admin").postForEntity("/api/archive/rebuild", null, JsonNode.class);
        assertThat(rebuilt.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rebuilt.getBody().get("indexed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(search("editor", "").get("total").asInt()).isEqualTo(2);
        assertThat(ids(search("qingxi-liaison", ""))).containsExactly(publicItem.toString());
    }

    /** Two nodes asked at once (or both finding the index behind at start) build one index, not two. */
    @Test
    void oneRebuildAmongAllNodes() throws Exception {
        // another node's rebuild: a session of its own holds the rebuild lock
        try (java.sql.Connection otherNode = java.sql.DriverManager.getConnection(url, user, password);
             var st = otherNode.prepareStatement("select pg_advisory_lock(?, 0)")) {
            st.setInt(1, ArchiveIndexer.REBUILD_LOCK);
            st.execute();
            ResponseEntity<JsonNode> refused = as("admin").postForEntity("/api/archive/rebuild", null, JsonNode.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getBody().get("detail").asText()).contains("正在重建");
        }
        // that node's session ended (the node died, say): the lock goes with it, as soon as the server has ended it
        try (java.sql.Connection look = java.sql.DriverManager.getConnection(url, user, password);
             var st = look.prepareStatement("select count(*) from pg_locks where locktype = 'advisory' and classid = ?")) {
            st.setInt(1, ArchiveIndexer.REBUILD_LOCK);
            org.awaitility.Awaitility.await("the rebuild lock released with the session").atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                        try (var rs = st.executeQuery()) {
                            rs.next();
                            return rs.getInt(1) == 0;
                        }
                    });
        }
        assertThat(as("admin").postForEntity("/api/archive/rebuild", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /**
     * The database restored from an earlier backup while Elasticsearch kept its index: a document
     * written after the backup (stamped above the database's last stamp) says what the database no
     * longer does - here a later stage with a title changed - and the start rebuilds the index from the
     * database. A document not above the stamp is the database's own: no rebuild for it.
     */
    @Test
    void anIndexAheadOfARestoredDatabaseIsRebuiltFromItAtTheStart() throws Exception {
        // the index's first, as the start reads them: its stamps were all given before their writes
        long highest = index.highestStamp();
        long last = jdbc.sql("select n from archive_stamp").query(Long.class).single();
        assertThat(highest).isBetween(1L, last);

        overwrite(publicItem, last, "索引中改过的标题");
        assertThat(indexer.bringInStep()).as("in step: nothing rebuilt").isFalse();
        assertThat(indexed(publicItem).get("title")).isEqualTo("索引中改过的标题");

        // written after the backup the database was restored from
        overwrite(publicItem, last + 3, "备份之后的标题");
        assertThat(indexer.bringInStep()).as("ahead of the database: rebuilt").isTrue();
        assertThat(indexed(publicItem).get("title")).isEqualTo("清溪镇公开宣传");
        assertThat(indexed(publicItem).get("stage")).isEqualTo("published");
        assertThat(index.highestStamp()).isLessThanOrEqualTo(jdbc.sql("select n from archive_stamp").query(Long.class).single());
        assertThat(ids(search("qingxi-liaison", ""))).containsExactly(publicItem.toString());
    }

    /**
     * An upgrade: the index a release finds is kept when its mapping is this release's (the production
     * rehearsal shows that across two releases), and rebuilt at the start when an earlier release made it
     * with another mapping (here: the phrase fields with another analyzer, no word fields, no stamps).
     */
    @Test
    void anIndexWithAnEarlierReleasesMappingIsRebuiltAtTheStartAndOnlyThen() throws Exception {
        String current = aliasTarget();
        assertThat(indexer.bringInStep()).as("this release's mapping: kept").isFalse();
        assertThat(aliasTarget()).isEqualTo(current);

        String earlier = "jianbao-archive-earlier-" + System.nanoTime();
        es.indices().create(c -> c.index(earlier).withJson(new java.io.StringReader(
                "{\"mappings\": {\"properties\": {\"title\": {\"type\": \"text\", \"analyzer\": \"whitespace\"},"
                        + " \"text\": {\"type\": \"text\"}}}}")));
        es.indices().updateAliases(u -> u.actions(a -> a.remove(r -> r.index(current).alias(index.alias())))
                .actions(a -> a.add(ad -> ad.index(earlier).alias(index.alias()))));
        es.indices().delete(d -> d.index(current));

        assertThat(indexer.bringInStep()).as("an earlier release's mapping: rebuilt").isTrue();
        assertThat(aliasTarget()).isNotEqualTo(earlier);
        assertThat(indexed(publicItem).get("title")).isEqualTo("清溪镇公开宣传");
        assertThat(ids(search("qingxi-liaison", ""))).containsExactly(publicItem.toString());
        assertThat(indexer.bringInStep()).as("and kept at the next start").isFalse();
    }

    private String aliasTarget() throws Exception {
        return es.indices().getAlias(a -> a.name(index.alias())).result().keySet().iterator().next();
    }

    private void overwrite(UUID item, long stamp, String title) throws Exception {
        es.update(u -> u.index(index.alias()).id(item.toString()).refresh(co.elastic.clients.elasticsearch._types.Refresh.True)
                .doc(java.util.Map.of("stamp", stamp, "title", title, "stage", "office_review")), java.util.Map.class);
    }

    private java.util.Map<?, ?> indexed(UUID item) throws Exception {
        return es.get(g -> g.index(index.alias()).id(item.toString()), java.util.Map.class).source();
    }
}
