package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The index as made from {@code archive/index.json} on a real Elasticsearch: the analyzer the office
 * configured on the fields as written, strict mapping; and an index an earlier version made (before
 * the word fields and the stamps) gains them and is rebuilt. Each on an alias of its own.
 */
@JianbaoIntegrationTest
class ArchiveMappingTest {

    @Autowired ElasticsearchClient es;
    @Autowired ChineseWords words;

    private ArchiveIndex index(String alias, String analyzer) {
        return new ArchiveIndex(es, new ArchiveProperties(alias, analyzer, Duration.ofSeconds(1), Duration.ofSeconds(2)),
                words, new WordCounts());
    }

    @Test
    void aNewIndexHasTheConfiguredAnalyzerAndAStrictMapping() throws Exception {
        ArchiveIndex index = index("jianbao-mapping-new", "simple");
        index.ensureIndex();
        String name = es.indices().getAlias(a -> a.name("jianbao-mapping-new")).result().keySet().iterator().next();
        var mapping = es.indices().getMapping(m -> m.index(name)).result().get(name).mappings();
        assertThat(mapping.dynamic().jsonValue()).isEqualTo("strict");
        for (String field : new String[] {"issueTitle", "author", "title", "attachments"}) {
            assertThat(mapping.properties().get(field).text().analyzer()).as(field).isEqualTo("simple");
        }
        assertThat(mapping.properties().get("titlePairs").text().analyzer()).isEqualTo("whitespace");
        assertThat(mapping.properties().get("titlePairs").text().norms()).isFalse();
        assertThat(mapping.properties().get("stamp").long_().index()).isFalse();
        var settings = es.indices().getSettings(g -> g.index(name)).result().get(name).settings().index();
        assertThat(settings.numberOfReplicas()).isEqualTo("0");
        assertThat(index.needsRebuild()).isFalse();
    }

    @Test
    void anIndexFromAnEarlierVersionGainsTheNewFieldsAndIsRebuilt() throws Exception {
        String old = "jianbao-mapping-old-initial";
        es.indices().create(c -> c.index(old).withJson(new StringReader("""
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"dynamic": "strict", "properties": {
                   "submissionId": {"type": "keyword"}, "title": {"type": "text", "analyzer": "standard"}}}}""")));
        es.indices().putAlias(a -> a.index(old).name("jianbao-mapping-old"));
        ArchiveIndex index = index("jianbao-mapping-old", "standard");
        assertThat(index.needsRebuild()).isTrue();
        var fields = es.indices().getMapping(m -> m.index(old)).result().get(old).mappings().properties();
        assertThat(fields).containsKeys("stamp", "titleWords", "textWords", "attachments", "attachmentWords",
                "titlePairs", "textPairs", "attachmentPairs", "stage", "stageLabel", "submittedAt", "date");
        assertThat(fields.get("textPairs").text().analyzer()).isEqualTo("whitespace");
    }
}
