package cn.jianbao.archive;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The Elasticsearch index behind the archive alias: its mapping, writes and rebuilds. */
@Component
class ArchiveIndex {

    private final ElasticsearchClient es;
    private final ArchiveProperties properties;
    private final ChineseWords words;
    private final WordCounts wordCounts;
    private volatile boolean ensured;

    ArchiveIndex(ElasticsearchClient es, ArchiveProperties properties, ChineseWords words, WordCounts wordCounts) {
        this.es = es;
        this.properties = properties;
        this.words = words;
        this.wordCounts = wordCounts;
    }

    String alias() {
        return properties.alias();
    }

    /**
     * Creates the first index behind the alias if there is none yet. Its name is fixed, so two
     * callers (threads or application nodes) racing here end up with the same single index.
     */
    synchronized void ensureIndex() throws IOException {
        if (ensured) {
            return;
        }
        if (!es.indices().existsAlias(a -> a.name(alias())).value()) {
            String index = alias() + "-initial";
            if (!es.indices().exists(e -> e.index(index)).value()) {
                try {
                    create(index);
                } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            }
            es.indices().putAlias(a -> a.index(index).name(alias()));
        }
        ensured = true;
    }

    /**
     * Writes entries; returns once they are searchable, so a published item is findable at once.
     * Returns the words segmented afresh (by submission id), for {@link ArchiveEntries#saveWords}.
     */
    Map<String, ArchiveEntry.Words> index(List<ArchiveEntry> entries, long stamp, boolean waitForSearchable)
            throws IOException {
        return index(alias(), entries, stamp, waitForSearchable);
    }

    private Map<String, ArchiveEntry.Words> index(String target, List<ArchiveEntry> entries, long stamp,
                                                  boolean waitForSearchable) throws IOException {
        if (entries.isEmpty()) {
            return Map.of();
        }
        // segmenting is the costly part of indexing: stored words are reused while they match the
        // text, and the rest is cut on all cores
        Map<String, ArchiveEntry.Words> fresh = new java.util.concurrent.ConcurrentHashMap<>();
        List<ArchiveEntry.Words> written = (entries.size() > 8 ? entries.parallelStream() : entries.stream())
                .map(e -> wordsOf(e, fresh)).toList();
        List<Map<String, Object>> sources = new java.util.ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            sources.add(source(entries.get(i), written.get(i), stamp));
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        if (waitForSearchable) {
            // refresh now rather than wait for the next periodic refresh (~1 s): an editor expects to find a
            // just-published item at once. (wait_for halved Elasticsearch's own refresh and merge times but
            // not its CPU per item in the benchmark, and made merges land between two pages of one search,
            // where hits that score alike may swap: benchmarks.md)
            bulk.refresh(Refresh.True);
        }
        for (Map<String, Object> source : sources) {
            bulk.operations(op -> op.index(i -> i.index(target).id((String) source.get("submissionId")).document(source)));
        }
        BulkResponse response = es.bulk(bulk.build());
        if (response.errors()) {
            String reason = response.items().stream().filter(i -> i.error() != null).findFirst()
                    .map(BulkResponseItem::error).map(err -> err.type() + ": " + err.reason()).orElse("unknown");
            throw new IOException("Bulk indexing failed: " + reason);
        }
        if (target.equals(alias())) {
            wordCounts.written(written); // a rebuild's index is not searched until swapped in (which forgets all)
        }
        return fresh;
    }

    private ArchiveEntry.Words wordsOf(ArchiveEntry e, Map<String, ArchiveEntry.Words> fresh) {
        String key = ChineseWords.key(e.title(), e.text(), e.attachments());
        if (e.words() != null && key.equals(e.words().key())) {
            return e.words();
        }
        ArchiveEntry.Words w = new ArchiveEntry.Words(key, words.analysed(e.title()), words.analysed(e.text()),
                e.attachments() == null ? null : words.analysed(e.attachments()));
        fresh.put(e.submissionId(), w);
        return w;
    }

    /**
     * A fresh index filled batch by batch (batches may be added from several threads), then swapped
     * in behind the alias in one step. It is not refreshed while it fills: nobody searches it yet.
     */
    Rebuild startRebuild() throws IOException {
        String index = newIndexName();
        create(index, true);
        return new Rebuild(index);
    }

    final class Rebuild {
        final String index;
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        private Rebuild(String index) {
            this.index = index;
        }

        Map<String, ArchiveEntry.Words> add(List<ArchiveEntry> batch, long stamp) throws IOException {
            Map<String, ArchiveEntry.Words> fresh = ArchiveIndex.this.index(index, batch, stamp, false);
            count.addAndGet(batch.size());
            return fresh;
        }

        int count() {
            return count.get();
        }

        /** A failed rebuild's index goes; the alias never pointed at it. */
        void discard() {
            try {
                es.indices().delete(d -> d.index(index));
            } catch (Exception e) {
                // Elasticsearch away: the orphan (named with the rebuild's time) stays until removed by hand
            }
        }

        /** Points the alias at the new index and deletes the old ones. */
        void swap() throws IOException {
            // filled without a sync per request (a crash meanwhile only loses a rebuild, started again);
            // searched and written by the outbox from now on: every write durable again
            es.indices().putSettings(p -> p.index(index).settings(st -> st.refreshInterval(t -> t.time("1s"))
                    .translog(tl -> tl.durability(co.elastic.clients.elasticsearch.indices.TranslogDurability.Request))));
            es.indices().flush(f -> f.index(index));
            es.indices().refresh(r -> r.index(index));
            Set<String> old = es.indices().existsAlias(a -> a.name(alias())).value()
                    ? es.indices().getAlias(a -> a.name(alias())).result().keySet() : Set.of();
            es.indices().updateAliases(u -> {
                old.forEach(o -> u.actions(a -> a.remove(r -> r.index(o).alias(alias()))));
                return u.actions(a -> a.add(ad -> ad.index(index).alias(alias())));
            });
            for (String o : old) {
                es.indices().delete(d -> d.index(o));
            }
            wordCounts.clear();
            ensured = true;
        }
    }

    private String newIndexName() {
        return alias() + "-" + DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
    }

    private void create(String index) throws IOException {
        create(index, false);
    }

    private void create(String index, boolean bulkLoading) throws IOException {
        ObjectNode definition = INDEX.deepCopy();
        ObjectNode settings = (ObjectNode) definition.get("settings");
        settings.put("refresh_interval", bulkLoading ? "-1" : "1s");
        settings.put("translog.durability", bulkLoading ? "async" : "request");
        ObjectNode fields = (ObjectNode) definition.get("mappings").get("properties");
        for (String field : ANALYZED_AS_WRITTEN) {
            ((ObjectNode) fields.get(field)).put("analyzer", properties.analyzer());
        }
        es.indices().create(c -> c.index(index).withJson(new StringReader(definition.toString())));
    }

    /**
     * The index's settings and mapping ({@code archive/index.json}). Title, text and attachments are also
     * kept segmented into words, and as character pairs for exact phrases ({@link ChineseWords#pairs}), by
     * the application, split on spaces here: the same on any Elasticsearch, plugins or not.
     */
    private static final ObjectNode INDEX;

    static {
        try (var in = java.util.Objects.requireNonNull(ArchiveIndex.class.getResourceAsStream("/archive/index.json"),
                "archive/index.json is not on the class path")) {
            INDEX = (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("archive/index.json", e);
        }
    }

    /** The fields as written, analyzed by {@code jianbao.archive.analyzer} (highlighting, the other fields' fallback). */
    private static final List<String> ANALYZED_AS_WRITTEN = List.of("issueTitle", "author", "title", "attachments");

    /** Fields added since the first indices, which an older index gains (its documents then lack their values). */
    private static final List<String> WORD_FIELDS = List.of("titleWords", "textWords", "attachments", "attachmentWords",
            "titlePairs", "textPairs", "attachmentPairs", "stage", "stageLabel", "submittedAt", "date");

    /** These fields of the mapping, as a mapping update. */
    private static String fieldsOf(List<String> names) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        ObjectNode fields = update.putObject("properties");
        JsonNode all = INDEX.get("mappings").get("properties");
        names.forEach(name -> fields.set(name, all.get(name).deepCopy()));
        return update.toString();
    }

    /** Documents behind the alias, as searchable now. */
    long count() throws IOException {
        return es.count(c -> c.index(alias())).count();
    }

    /** The highest stamp of the documents behind the alias; 0 for none (or written before stamps). */
    long highestStamp() throws IOException {
        Double max = es.search(s -> s.index(alias()).size(0).aggregations("stamp", a -> a.max(m -> m.field("stamp"))),
                Void.class).aggregations().get("stamp").max().value();
        return max != null && Double.isFinite(max) ? max.longValue() : 0;
    }

    /**
     * An index made by an earlier version: one without the word fields gets them (a mapping may
     * gain fields) but its documents lack words, and one whose phrase fields have another analyzer
     * cannot change it. Either way it says so, and the caller rebuilds it.
     */
    boolean needsRebuild() throws IOException {
        Set<String> indices = es.indices().existsAlias(a -> a.name(alias())).value()
                ? es.indices().getAlias(a -> a.name(alias())).result().keySet() : Set.of();
        boolean added = false;
        for (String index : indices) {
            var mapping = es.indices().getMapping(m -> m.index(index)).result().get(index).mappings().properties();
            if (!mapping.containsKey("stamp")) {
                // an index from before the stamps (the write that put a document there, archive_stamp; read
                // from doc values only): its documents count as unstamped, no rebuild for that
                es.indices().putMapping(p -> p.index(index).withJson(new StringReader(fieldsOf(List.of("stamp")))));
            }
            if (!mapping.containsKey("textWords") || !mapping.containsKey("attachmentWords") || !mapping.containsKey("stage")
                    || !mapping.containsKey("textPairs")) {
                es.indices().putMapping(p -> p.index(index).withJson(new StringReader(fieldsOf(WORD_FIELDS))));
                added = true;
            } else if (mapping.get("title").text() != null
                    && !properties.analyzer().equals(mapping.get("title").text().analyzer())) {
                added = true; // made with another analyzer for the phrase fields: rebuilt with this one
            }
        }
        return added;
    }

    private Map<String, Object> source(ArchiveEntry e, ArchiveEntry.Words w, long stamp) {
        Map<String, Object> m = new HashMap<>();
        m.put("stamp", stamp);
        m.put("submissionId", e.submissionId());
        m.put("issueId", e.issueId());
        m.put("series", e.series());
        m.put("seriesLabel", e.seriesLabel());
        m.put("issueYear", e.issueYear());
        m.put("issueNumber", e.issueNumber());
        m.put("issueTitle", e.issueTitle());
        if (e.publishedAt() != null) {
            m.put("publishedAt", e.publishedAt().toInstant().toString());
        }
        m.put("stage", e.stage());
        m.put("stageLabel", e.stageLabel());
        m.put("submittedAt", e.submittedAt().toInstant().toString());
        // the date people filter and sort by: publication once published, submission before
        m.put("date", (e.publishedAt() != null ? e.publishedAt() : e.submittedAt()).toInstant().toString());
        m.put("unitCode", e.unitCode());
        m.put("unitName", e.unitName());
        m.put("kind", e.kind());
        m.put("kindLabel", e.kindLabel());
        m.put("author", e.author());
        m.put("title", e.title());
        // the text itself is not kept: found by its words and pairs, marked by the application from the database
        m.put("titleWords", w.title());
        m.put("textWords", w.text());
        m.put("titlePairs", ChineseWords.pairs(e.title()));
        m.put("textPairs", ChineseWords.pairs(e.text()));
        if (e.attachments() != null) {
            m.put("attachments", e.attachments());
            m.put("attachmentWords", w.attachments());
            m.put("attachmentPairs", ChineseWords.pairs(e.attachments()));
        }
        m.put("classification", e.classification());
        m.put("readers", e.readers());
        return m;
    }
}
