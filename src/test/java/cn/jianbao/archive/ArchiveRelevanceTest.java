package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jianbao.access.Classification;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Users;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A judged known-item set from ../shared/corpus/texts (skipped where the corpus is absent): for
 * each document, the three rarest words of its title (as an editor types what they remember of
 * it) run together without spaces, and with spaces, and the document they must find. Prints success@10, MRR@10
 * and the zero-result rate of our search and, for comparison, of the earlier "every token is a
 * phrase" search, over the same index.
 */
@JianbaoIntegrationTest
class ArchiveRelevanceTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "texts");

    @Autowired ElasticsearchClient es;
    @Autowired Directory directory;
    @Autowired ChineseWords words;
    @Autowired ArchiveEntries stored;
    @Autowired Users users;
    @Autowired Synonyms synonyms;

    record Judged(String query, String target) {
    }

    record Figures(double success10, double mrr10, double zeroRate) {
        @Override
        public String toString() {
            return String.format("success@10 %.3f, MRR@10 %.3f, zero-result %.1f%%", success10, mrr10, zeroRate * 100);
        }
    }

    @Test
    void knownItemQueriesTypedWithoutSpacesFindTheirDocument() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus is absent");
        ArchiveProperties props = new ArchiveProperties("jianbao-judged", "standard", Duration.ofSeconds(1), Duration.ofSeconds(2));
        WordCounts counts = new WordCounts();
        ArchiveIndex index = new ArchiveIndex(es, props, words, counts);
        ArchiveSearch search = new ArchiveSearch(es, index, directory, words, stored, synonyms, counts);
        List<String> readers = ReadPolicy.readers(new ReadPolicy.Item("qingxi", Classification.PUBLIC,
                new ReadPolicy.Publication(List.of(), List.of())));

        List<ArchiveEntry> entries = new ArrayList<>();
        List<Judged> judged = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d+\\.txt")).sorted().toList();
        }
        // an editor types the distinctive words of what they look for: the title's rarest words in
        // the archive (document frequency), not its boilerplate (国务院, 关于, 通知)
        Map<String, Integer> df = new java.util.HashMap<>();
        List<String[]> docs = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            String id = f.getFileName().toString().replace(".txt", "");
            String title = lines.get(0).strip();
            String text = String.join("\n", lines.subList(1, lines.size()));
            docs.add(new String[] {id, title, text});
            entries.add(new ArchiveEntry(id, "judged", "briefing", "简报", 2026, 1, "判定集", OffsetDateTime.now(),
                    "qingxi", "清溪镇", "dynamic", "动态信息", "作者", title, text, "public", readers));
            new java.util.HashSet<>(words.words(title + "\n" + text)).forEach(w -> df.merge(w, 1, Integer::sum));
        }
        for (String[] d : docs) {
            List<String> titleWords = words.words(d[1]).stream()
                    .filter(w -> w.length() >= 2 && !w.chars().allMatch(Character::isDigit)).distinct().toList();
            List<String> chosen = titleWords.stream()
                    .sorted(Comparator.comparingInt((String w) -> df.getOrDefault(w, 0))
                            .thenComparing(Comparator.comparingInt(String::length).reversed()))
                    .limit(3).sorted(Comparator.comparingInt(titleWords::indexOf)).toList();
            if (chosen.size() >= 2) {
                judged.add(new Judged(String.join("", chosen), d[0]));
                judged.add(new Judged(String.join(" ", chosen), d[0]));
            }
        }
        try {
            var rebuild = index.startRebuild();
            for (int i = 0; i < entries.size(); i += 100) {
                rebuild.add(entries.subList(i, Math.min(entries.size(), i + 100)), 0);
            }
            rebuild.swap();

            var editor = users.person("editor");
            // our search, and the earlier "every token is a phrase" search, over the same index
            java.util.function.Function<String, List<String>> ourSearch = q -> search.search(editor,
                    new ArchiveSearch.Criteria(q, null, null, null, null, null, 0, 10, null, null, null)).hits().stream()
                    .map(h -> (String) h.get("submissionId")).toList();
            java.util.function.Function<String, List<String>> phraseSearch = q -> {
                try {
                    List<Query> must = Stream.of(q.split("\\s+")).map(t -> Query.of(m -> m.multiMatch(mm -> mm.query(t)
                            .type(TextQueryType.Phrase).fields("title^3", "text")))).toList();
                    return es.search(s -> s.index(props.alias()).size(10).query(x -> x.bool(b -> b.must(must))), Map.class)
                            .hits().hits().stream().map(h -> h.id()).toList();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Figures ours = evaluate(judged, ourSearch);
            Figures phrases = evaluate(judged, phraseSearch);
            System.out.printf("judged set: %d documents, %d known-item queries%n  word-level search: %s%n"
                    + "  every token a phrase (before): %s%n", entries.size(), judged.size(), ours, phrases);

            // the baseline: a plain BM25 over the character pairs of the same texts
            PairsBm25 bm25 = new PairsBm25();
            docs.forEach(d -> bm25.add(d[0], d[1] + "\n" + d[2]));

            // topic queries judged by hand (src/test/resources/relevance/topics.tsv): graded relevance
            Map<String, Map<String, Integer>> topics = topics("/relevance/topics.tsv", null);
            TopicFigures topicOurs = evaluateTopics(topics, ourSearch);
            TopicFigures topicPhrases = evaluateTopics(topics, phraseSearch);
            TopicFigures topicBm25 = evaluateTopics(topics, bm25::top10);
            System.out.printf("  %d topic queries in the documents' words, judged by hand (%d judged documents)%n"
                            + "  word-level search: %s%n  every token a phrase (before): %s%n  BM25 over character pairs: %s%n",
                    topics.size(), topics.values().stream().mapToInt(Map::size).sum(), topicOurs, topicPhrases, topicBm25);
            assertThat(topicOurs.success10()).isGreaterThanOrEqualTo(0.95);
            assertThat(topicOurs.mrr10()).isGreaterThanOrEqualTo(0.85);
            assertThat(topicOurs.zeroRate()).isLessThanOrEqualTo(0.02);
            assertThat(topicOurs.ndcg10()).as("topic nDCG@10").isGreaterThanOrEqualTo(0.84);
            assertThat(topicOurs.precision10()).as("topic P@10").isGreaterThanOrEqualTo(0.58);
            assertThat(topicOurs.ndcg10()).as("not below the plain BM25").isGreaterThanOrEqualTo(topicBm25.ndcg10());

            // topic queries in the editor's words (synonyms, abbreviations, place and time, two characters),
            // judged by reading and pooled from several greps (src/test/resources/relevance/topics-editor.tsv)
            Map<String, String> classes = new java.util.LinkedHashMap<>();
            Map<String, Map<String, Integer>> editorTopics = topics("/relevance/topics-editor.tsv", classes);
            TopicFigures editorOurs = evaluateTopics(editorTopics, ourSearch);
            TopicFigures editorBm25 = evaluateTopics(editorTopics, bm25::top10);
            System.out.printf("  %d topic queries in the editor's words (%d judged documents)%n  word-level search: %s%n"
                            + "  BM25 over character pairs: %s%n", editorTopics.size(),
                    editorTopics.values().stream().mapToInt(Map::size).sum(), editorOurs, editorBm25);
            for (String cls : new java.util.LinkedHashSet<>(classes.values())) {
                Map<String, Map<String, Integer>> one = new java.util.LinkedHashMap<>();
                editorTopics.forEach((q, g) -> {
                    if (cls.equals(classes.get(q))) {
                        one.put(q, g);
                    }
                });
                System.out.printf("    %-17s %2d queries  ours %s%n    %-17s             BM25 %s%n", cls, one.size(),
                        evaluateTopics(one, ourSearch), "", evaluateTopics(one, bm25::top10));
            }
            assertThat(editorOurs.zeroRate()).as("no query with relevant documents finds nothing").isZero();
            assertThat(editorOurs.ndcg10()).as("editor-words nDCG@10").isGreaterThanOrEqualTo(EDITOR_NDCG_FLOOR);
            assertThat(editorOurs.precision10()).as("editor-words P@10").isGreaterThanOrEqualTo(EDITOR_P10_FLOOR);
            assertThat(editorOurs.ndcg10()).as("editor words: not below the plain BM25").isGreaterThanOrEqualTo(editorBm25.ndcg10());
            // quoted text must occur exactly; the same characters reordered never put its document first
            Map<String, String> content = new java.util.HashMap<>();
            docs.forEach(d -> content.put(d[0], d[1] + "\n" + d[2]));
            List<Map<String, Object>> quoted = search.search(editor, new ArchiveSearch.Criteria("\"市场监管领域\"", null, null,
                    null, null, null, 0, 100, null, null, null)).hits();
            assertThat(quoted).isNotEmpty().allSatisfy(h -> assertThat(content.get((String) h.get("submissionId")))
                    .contains("市场监管领域"));
            List<Map<String, Object>> reordered = search.search(editor, new ArchiveSearch.Criteria("域领管监场市", null, null,
                    null, null, null, 0, 10, null, null, null)).hits();
            assertThat(reordered.isEmpty() || !content.get((String) reordered.get(0).get("submissionId")).contains("市场监管领域"))
                    .isTrue();
            assertThat(ours.success10()).isGreaterThanOrEqualTo(0.95);
            assertThat(ours.mrr10()).isGreaterThanOrEqualTo(0.85);
            assertThat(ours.zeroRate()).isLessThanOrEqualTo(0.02);
        } finally {
            if (es.indices().existsAlias(a -> a.name(props.alias())).value()) {
                for (String i : es.indices().getAlias(a -> a.name(props.alias())).result().keySet()) {
                    es.indices().delete(d -> d.index(i));
                }
            }
        }
    }

    record TopicFigures(double ndcg10, double precision10, double success10, double mrr10, double zeroRate) {
        @Override
        public String toString() {
            return String.format("nDCG@10 %.3f, P@10 %.3f, success@10 %.3f, MRR@10 %.3f, zero-result %.1f%%", ndcg10,
                    precision10, success10, mrr10, zeroRate * 100);
        }
    }

    /** Floors of the editor-words set, a little below what the search reaches (see the note of the stop). */
    static final double EDITOR_NDCG_FLOOR = 0.85;
    static final double EDITOR_P10_FLOOR = 0.33;

    /**
     * query → (document → grade 1 or 2), from a hand-judged file; with {@code classes}, lines carry a
     * class first (synonym, abbreviation, …), noted per query.
     */
    static Map<String, Map<String, Integer>> topics(String resource, Map<String, String> classes)
            throws java.io.IOException {
        Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
        try (var in = ArchiveRelevanceTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                int q = classes == null ? 0 : 1;
                Map<String, Integer> grades = new java.util.HashMap<>();
                for (String judged : parts[q + 1].strip().split("\\s+")) {
                    String[] idGrade = judged.split(":");
                    grades.put(idGrade[0], Integer.parseInt(idGrade[1]));
                }
                out.put(parts[q].strip(), grades);
                if (classes != null) {
                    classes.put(parts[q].strip(), parts[0].strip());
                }
            }
        }
        return out;
    }

    /** nDCG@10 with gain 2^grade − 1; MRR and success count any judged-relevant document. */
    private static TopicFigures evaluateTopics(Map<String, Map<String, Integer>> topics,
                                               java.util.function.Function<String, List<String>> run) {
        double ndcg = 0;
        double precision = 0;
        double rr = 0;
        int found = 0;
        int zero = 0;
        for (var topic : topics.entrySet()) {
            List<String> hits = run.apply(topic.getKey());
            Map<String, Integer> grades = topic.getValue();
            if (hits.isEmpty()) {
                zero++;
            }
            double dcg = 0;
            int relevant = 0;
            int first = -1;
            for (int i = 0; i < Math.min(10, hits.size()); i++) {
                int g = grades.getOrDefault(hits.get(i), 0);
                dcg += (Math.pow(2, g) - 1) / (Math.log(i + 2) / Math.log(2));
                if (g > 0) {
                    relevant++;
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            List<Integer> ideal = grades.values().stream().sorted(Comparator.reverseOrder()).limit(10).toList();
            double idcg = 0;
            for (int i = 0; i < ideal.size(); i++) {
                idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
            }
            ndcg += dcg / idcg;
            precision += relevant / 10.0;
            if (first >= 0) {
                found++;
                rr += 1.0 / (first + 1);
            }
            if (System.getProperty("judged.debug") != null) {
                System.out.printf("TOPIC %s nDCG %.2f relevant %d first %d %s%n", topic.getKey(), dcg / idcg, relevant, first,
                        hits.stream().limit(10).map(h -> h + ":" + grades.getOrDefault(h, 0)).toList());
            }
        }
        int n = topics.size();
        return new TopicFigures(ndcg / n, precision / n, (double) found / n, rr / n, (double) zero / n);
    }

    private static Figures evaluate(List<Judged> judged, java.util.function.Function<String, List<String>> run) {
        int found = 0;
        int zero = 0;
        double rr = 0;
        for (Judged j : judged) {
            List<String> hits = run.apply(j.query());
            if (hits.isEmpty()) {
                zero++;
            }
            int rank = hits.indexOf(j.target());
            if (System.getProperty("judged.debug") != null && rank != 0) {
                System.out.println("MISS " + rank + " " + j.query() + " -> " + j.target() + " got " + hits.subList(0, Math.min(3, hits.size())));
            }
            if (rank >= 0 && rank < 10) {
                found++;
                rr += 1.0 / (rank + 1);
            }
        }
        return new Figures((double) found / judged.size(), rr / judged.size(), (double) zero / judged.size());
    }

}
