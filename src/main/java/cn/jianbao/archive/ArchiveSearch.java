package cn.jianbao.archive;

import cn.jianbao.web.Inputs;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Unit;
import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Series;
import cn.jianbao.web.ApiException;
import cn.jianbao.web.Paging;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Full-text search over published items. The caller's readers filter sits in the query itself
 * (not a post filter), so hits, totals, facet counts and highlights all see only what the
 * caller may read. User input only ever becomes phrase text or exact filter values: no query
 * syntax reaches Elasticsearch.
 */
@Service
public class ArchiveSearch {

    private static final Pattern CODE = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final int MAX_QUERY = 100;
    /** A word's character pairs found apart, relative to the word itself. */
    private static final float PART_OF_WORD = 0.3f;

    private final ElasticsearchClient es;
    private final ArchiveIndex index;
    private final Directory directory;
    private final ChineseWords words;
    private final ArchiveEntries entries;
    private final Synonyms synonyms;
    private final WordCounts wordCounts;

    ArchiveSearch(ElasticsearchClient es, ArchiveIndex index, Directory directory, ChineseWords words,
                  ArchiveEntries entries, Synonyms synonyms, WordCounts wordCounts) {
        this.es = es;
        this.index = index;
        this.directory = directory;
        this.words = words;
        this.entries = entries;
        this.synonyms = synonyms;
        this.wordCounts = wordCounts;
    }

    /**
     * {@code facets=false}: without the counts by stage, unit, kind, series and year (a page or sort
     * change of the same query, whose counts the page already shows). They were nearly half of
     * Elasticsearch's time per search.
     */
    public record Criteria(String q, String unit, String kind, String series, String from, String to, Integer page,
                           Integer size, String sort, String stage, Boolean facets) {
        // one constructor only: Spring binds request parameters through it

        boolean withFacets() {
            return !Boolean.FALSE.equals(facets);
        }
    }

    /**
     * {@code suggestions}: for a query that found nothing (or nothing holding every word), others that
     * find something; {@code totalAtLeast}: more than {@link #COUNTED} found, {@code total} is that bound.
     */
    /** {@code byNumber}: the item whose 报送编号 the query is, when the caller may read it. */
    public record Result(long total, boolean totalAtLeast, int page, int size, List<Map<String, Object>> hits,
                         Map<String, List<Map<String, Object>>> facets, List<Map<String, Object>> suggestions,
                         Map<String, Object> byNumber) {

        Result withByNumber(Map<String, Object> item) {
            return new Result(total, totalAtLeast, page, size, hits, facets, suggestions, item);
        }
    }

    /**
     * Matches are counted up to this many: past it, Elasticsearch may skip documents that cannot
     * reach the first pages (any word of a query matches most of a large archive). It is also as far
     * as anyone can page.
     */
    static final int COUNTED = 10_000;

    /** A search as Elasticsearch gets it, with what the result needs besides the response. */
    record Prepared(SearchRequest request, ParsedQuery parsed, List<Query> filter, int page, int size) {
    }

    public Result search(Person person, Criteria c) {
        Prepared prepared = prepare(person, c);
        SearchResponse<Map> response;
        try {
            index.ensureIndex();
            response = es.search(prepared.request(), Map.class);
        } catch (Exception e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, "档案检索暂时不可用，请稍后重试。", e);
        }
        return result(response, prepared);
    }

    /** Checks the criteria and builds the request (the caller's reader tokens in its filter). */
    Prepared prepare(Person person, Criteria c) {
        String q = c.q() == null ? "" : c.q().strip();
        if (q.length() > MAX_QUERY) {
            throw bad("q", "检索词太长：不超过" + MAX_QUERY + "个字。");
        }
        Paging paging = Paging.of(c.page(), c.size(), 20);
        int page = paging.page();
        int size = paging.size();
        boolean newest = "newest".equals(c.sort());
        if (c.sort() != null && !c.sort().isBlank() && !newest && !"relevance".equals(c.sort())) {
            throw bad("sort", "排序方式应为 relevance（相关度）或 newest（最新）。");
        }

        ParsedQuery parsed = parse(q);
        List<Query> must = new ArrayList<>();
        List<Query> should = new ArrayList<>();
        // quoted text is an exact phrase
        parsed.phrases().forEach(t -> must.add(phrase(t, 1f)));
        if (!parsed.words().isEmpty()) {
            String all = String.join(" ", parsed.words());
            // any of the words (or what the office's synonyms say they also mean), ranked by how much of the
            // query a document covers and how well (BM25 over words and pairs); all of them first ...
            must.add(wordsAnywhere(parsed.words(), parsed.alternatives(), rare(parsed.words())));
            if (parsed.words().size() > 1) {
                should.add(allWords(parsed.words(), parsed.alternatives()));
            }
            // ... how close together they stand ...
            should.add(Query.of(m -> m.matchPhrase(mp -> mp.field("titleWords").query(all).slop(6).boost(3f))));
            should.add(Query.of(m -> m.matchPhrase(mp -> mp.field("textWords").query(all).slop(12).boost(2f))));
            // ... and what was typed, exactly as typed, first
            parsed.chunks().forEach(t -> should.add(phrase(t, 6f)));
        }
        // what was typed is marked as a whole where it occurs so, its words where they stand apart: in
        // titles and texts by the application (Highlighter), in attachments (long) by Elasticsearch
        Query highlightQuery = Query.of(h -> h.bool(b -> b.should(parsed.terms().stream()
                .map(w -> Query.of(x -> x.matchPhrase(mp -> mp.field("attachments").query(w)))).toList())));
        List<Query> filter = new ArrayList<>();
        filter.add(Query.of(f -> f.terms(t -> t.field("readers")
                .terms(v -> v.value(ReadPolicy.tokens(person).stream().map(FieldValue::of).toList())))));
        if (present(c.unit())) {
            filter.add(term("unitCode", code("unit", c.unit())));
        }
        if (present(c.kind())) {
            filter.add(term("kind", known("kind", c.kind(), SubmissionKind.class)));
        }
        if (present(c.stage())) {
            try {
                filter.add(term("stage", SubmissionStatus.of(c.stage().strip()).code()));
            } catch (IllegalArgumentException e) {
                throw bad("stage", "未知的环节“" + c.stage() + "”。");
            }
        }
        if (present(c.series())) {
            filter.add(term("series", known("series", c.series(), Series.class)));
        }
        String from = date("from", c.from());
        String to = date("to", c.to());
        if (from != null && to != null && from.compareTo(to) > 0) {
            throw bad("from", "起始日期（" + from + "）晚于截止日期（" + to + "），请调换或修改。");
        }
        if (from != null || to != null) {
            filter.add(Query.of(f -> f.range(r -> r.date(d -> {
                d.field("date").timeZone("+08:00").format("yyyy-MM-dd");
                if (from != null) {
                    d.gte(from);
                }
                if (to != null) {
                    d.lte(to);
                }
                return d;
            }))));
        }

        SearchRequest request = SearchRequest.of(s -> {
            s.index(index.alias()).query(qq -> qq.bool(b -> b.must(must).filter(filter)))
                    .from(page * size).size(size).trackTotalHits(t -> t.count(COUNTED))
                    .source(src -> src.filter(f -> f.excludes("text", "readers", "attachments", "titleWords",
                            "textWords", "attachmentWords", "titlePairs", "textPairs", "attachmentPairs")))
                    .highlight(h -> h.encoder(HighlighterEncoder.Html).preTags("<em>").postTags("</em>")
                            .highlightQuery(highlightQuery)
                            .fields("attachments", f -> f.fragmentSize(90).numberOfFragments(2)));
            if (c.withFacets()) {
                s.aggregations("unit", a -> a.terms(t -> t.field("unitCode").size(200)))
                        .aggregations("kind", a -> a.terms(t -> t.field("kind").size(20)))
                        .aggregations("series", a -> a.terms(t -> t.field("series").size(20)))
                        .aggregations("year", a -> a.terms(t -> t.field("issueYear").size(50)))
                        .aggregations("stage", a -> a.terms(t -> t.field("stage").size(20)));
            }
            if (newest || must.isEmpty()) {
                s.sort(o -> o.field(f -> f.field("date").order(SortOrder.Desc)));
            } else if (!should.isEmpty()) {
                // closeness and the typed text as typed re-rank the best matches only: over every match
                // (tens of thousands in a large archive) they cost more than everything else together
                int window = Math.min(500, Math.max(100, (page + 1) * size));
                s.rescore(r -> r.windowSize(window).query(rq -> rq.query(Query.of(x -> x.bool(b -> b.should(should))))));
            } else {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("date").order(SortOrder.Desc)));
            }
            return s;
        });
        return new Prepared(request, parsed, filter, page, size);
    }

    private Result result(SearchResponse<Map> response, Prepared prepared) {
        Highlighter highlighter = new Highlighter(prepared.parsed().terms());
        Map<String, String> texts = highlighter.isEmpty() ? Map.of() : texts(response);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<?, ?> src = hit.source();
            Map<String, Object> h = new LinkedHashMap<>();
            for (String key : List.of("submissionId", "issueId", "title", "kind", "kindLabel", "series", "seriesLabel",
                    "issueYear", "issueNumber", "issueTitle", "publishedAt", "author", "classification", "stage",
                    "stageLabel", "submittedAt")) {
                h.put(key, src.get(key));
            }
            h.put("unit", Map.of("code", src.get("unitCode"), "name", src.get("unitName")));
            if (src.get("issueYear") != null) {
                h.put("numberLabel", src.get("issueYear") + "年第" + src.get("issueNumber") + "期");
            }
            Map<String, List<String>> highlights = new java.util.TreeMap<>(hit.highlight());
            String title = highlighter.whole((String) src.get("title"));
            if (title != null) {
                highlights.put("title", List.of(title));
            }
            List<String> text = highlighter.fragments(texts.get(String.valueOf(src.get("submissionId"))), 90, 3);
            if (!text.isEmpty()) {
                highlights.put("text", text);
            }
            h.put("highlights", highlights);
            // where the words were found: attachments, text, title
            h.put("matchedIn", List.copyOf(highlights.keySet()));
            hits.add(h);
        }
        Map<String, List<Map<String, Object>>> facets = null; // not asked for: left out of the answer
        if (response.aggregations().containsKey("unit")) {
            facets = new LinkedHashMap<>();
            // unit names in one query, not one per bucket
            Map<String, String> unitNames = new java.util.HashMap<>();
            directory.units().forEach(u -> unitNames.put(u.unit().code(), u.unit().name()));
            facets.put("unit", facet(response.aggregations().get("unit"), k -> unitNames.getOrDefault(k, k)));
            facets.put("kind", facet(response.aggregations().get("kind"), k -> SubmissionKind.of(k).label()));
            facets.put("series", facet(response.aggregations().get("series"), k -> Series.of(k).label()));
            facets.put("year", facet(response.aggregations().get("year"), k -> k + "年"));
            facets.put("stage", facet(response.aggregations().get("stage"), k -> SubmissionStatus.of(k).label()));
        }
        var totalHits = response.hits().total();
        long total = totalHits == null ? hits.size() : totalHits.value();
        boolean atLeast = totalHits != null && totalHits.relation() == co.elastic.clients.elasticsearch.core.search
                .TotalHitsRelation.Gte;
        // nothing found, or nothing holds every word (a word mistyped, or one the archive never uses)
        boolean partial = total > 0 && prepared.page() == 0 && prepared.parsed().words().size() > 1
                && !pageHoldsEveryWord(response, texts, prepared.parsed()) && !anyHoldsEveryWord(prepared);
        return new Result(total, atLeast, prepared.page(), prepared.size(), hits, facets,
                total == 0 || partial ? suggestions(prepared.parsed(), prepared.filter(), total) : List.of(), null);
    }

    /**
     * Whether a hit on this page plainly holds every word: each word (two or more Chinese characters)
     * or one of its synonyms so written stands in its title or text as typed - which the index finds as
     * those characters in a row, so {@link #anyHoldsEveryWord} would say yes. Most searches answer here
     * (the best matches come first); a request fewer for Elasticsearch. Anything else (a word of one
     * character or with Latin letters or digits, no hit here holding them all) is asked of the index.
     */
    static boolean pageHoldsEveryWord(SearchResponse<Map> response, Map<String, String> texts, ParsedQuery parsed) {
        for (String w : parsed.words()) {
            if (!hanRun(w) || !parsed.alternatives().getOrDefault(w, List.of()).stream().allMatch(ArchiveSearch::hanRun)) {
                return false;
            }
        }
        for (Hit<Map> hit : response.hits().hits()) {
            Map<?, ?> src = hit.source() == null ? Map.of() : hit.source();
            String text = (src.get("title") instanceof String t ? t : "") + "\n"
                    + texts.getOrDefault(String.valueOf(src.get("submissionId")), "");
            if (parsed.words().stream().allMatch(w -> text.contains(w)
                    || parsed.alternatives().getOrDefault(w, List.of()).stream().anyMatch(text::contains))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hanRun(String w) {
        return w.codePointCount(0, w.length()) >= 2 && w.codePoints().allMatch(ArchiveSearch::han);
    }

    /**
     * Whether any document the caller may read holds every word (or a synonym of it): a count that
     * stops at the first, cheaper than following every match of the search itself.
     */
    private boolean anyHoldsEveryWord(Prepared prepared) {
        ParsedQuery parsed = prepared.parsed();
        try {
            return es.search(s -> s.index(index.alias()).size(0).terminateAfter(1L).trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> b.filter(prepared.filter()).filter(allWords(parsed.words(),
                            parsed.alternatives())))), Void.class).hits().total().value() > 0;
        } catch (Exception e) {
            return true; // no suggestion rather than a failed search
        }
    }

    /**
     * Nothing found: first a spelling correction (did you mean 安全生产 for 安全生厂: a word the index
     * does not hold, replaced by the most frequent indexed word one character away), then the query
     * without one of its words (most first). Each is counted under the same filters and reader
     * tokens and offered only where it finds something, so a suggestion never reveals more.
     */
    private List<Map<String, Object>> suggestions(ParsedQuery parsed, List<Query> filter, long total) {
        List<String> all = parsed.words();
        if (!parsed.phrases().isEmpty() || all.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            // each unknown word: the candidate that, with the other words, finds the most
            Map<String, String> corrections = new LinkedHashMap<>();
            for (var candidates : corrections(all).entrySet()) {
                List<List<String>> tries = candidates.getValue().stream().map(option -> all.stream()
                        .map(w -> w.equals(candidates.getKey()) ? option : w).toList()).toList();
                // the correction that, with the other words, is held together by the most documents
                List<Long> counts = counts(tries, filter, true);
                long best = 0;
                for (int i = 0; i < tries.size(); i++) {
                    if (counts.get(i) > best) {
                        best = counts.get(i);
                        corrections.put(candidates.getKey(), candidates.getValue().get(i));
                    }
                }
            }
            if (!corrections.isEmpty()) {
                List<String> corrected = all.stream().map(w -> corrections.getOrDefault(w, w)).toList();
                long n = counts(List.of(corrected), filter, false).get(0);
                if (n > 0) {
                    String q = String.join(" ", parsed.chunks());
                    for (var c : corrections.entrySet()) {
                        q = q.replace(c.getKey(), c.getValue());
                    }
                    out.add(Map.of("kind", "spelling", "q", q, "corrected", corrections, "total", n));
                }
            }
            // the query without one of its words, all counted in one request (where it found nothing at all:
            // otherwise what holds some of the words is found already)
            List<List<String>> rests = new ArrayList<>();
            for (int i = 0; total == 0 && all.size() >= 2 && i < Math.min(all.size(), 6); i++) {
                List<String> rest = new ArrayList<>(all);
                rest.remove(i);
                rests.add(rest);
            }
            List<Long> found = counts(rests, filter, false);
            List<Map<String, Object>> shorter = new ArrayList<>();
            for (int i = 0; i < rests.size(); i++) {
                if (found.get(i) > 0) {
                    shorter.add(Map.of("kind", "without", "q", String.join(" ", rests.get(i)), "without", all.get(i),
                            "total", found.get(i)));
                }
            }
            shorter.sort((a, b) -> Long.compare((Long) b.get("total"), (Long) a.get("total")));
            out.addAll(shorter.size() > 3 ? shorter.subList(0, 3) : shorter);
        } catch (Exception e) {
            return out; // suggestions are a help, never a failure
        }
        return out;
    }

    /**
     * How many each query finds under the filters, in one request: as the search finds them (any word),
     * or holding every word.
     */
    private List<Long> counts(List<List<String>> queries, List<Query> filter, boolean everyWord)
            throws java.io.IOException {
        if (queries.isEmpty()) {
            return List.of();
        }
        SearchResponse<Void> r = es.search(s -> s.index(index.alias()).size(0)
                .query(x -> x.bool(b -> b.filter(filter)))
                .aggregations("tries", a -> a.filters(f -> f.filters(k -> k.array(queries.stream()
                        .map(q -> everyWord ? allWords(q, Map.of()) : wordsAnywhere(q, Map.of(), Set.of())).toList())))), Void.class);
        return r.aggregations().get("tries").filters().buckets().array().stream().map(b -> b.docCount()).toList();
    }

    /**
     * Words of two or more characters the index does not hold, each with indexed words of its length
     * one character away (a wrong character, as a pinyin input method makes them), most frequent first.
     */
    private Map<String, List<String>> corrections(List<String> words) throws java.io.IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> candidates = words.stream().filter(w -> w.codePointCount(0, w.length()) >= 2).limit(3).toList();
        if (candidates.isEmpty()) {
            return out;
        }
        SearchResponse<Void> response = es.search(s -> s.index(index.alias()).size(0).suggest(sg -> {
            for (int i = 0; i < candidates.size(); i++) {
                String w = candidates.get(i);
                sg.suggesters("w" + i, f -> f.text(w).term(t -> t.field("textWords")
                        .suggestMode(co.elastic.clients.elasticsearch._types.SuggestMode.Missing)
                        .maxEdits(1).prefixLength(0).minWordLength(2).size(30)
                        .sort(co.elastic.clients.elasticsearch.core.search.SuggestSort.Frequency)));
            }
            return sg;
        }), Void.class);
        for (int i = 0; i < candidates.size(); i++) {
            var suggestions = response.suggest().get("w" + i);
            if (suggestions == null) {
                continue;
            }
            String w = candidates.get(i);
            List<String> options = suggestions.stream().filter(x -> x.isTerm()).flatMap(x -> x.term().options().stream())
                    // same length: a typed word with one character wrong, not one missing or extra
                    .map(o -> o.text()).filter(o -> o.length() == w.length()).limit(20).toList();
            if (!options.isEmpty()) {
                out.put(w, options);
            }
        }
        return out;
    }

    /**
     * The words anywhere: all of one or two, three in four of more. A word counts where the segmenter
     * found it, or as the same characters in a row (the segmenter may cut a word differently inside a
     * sentence than alone in a query); single characters only as words, since inside other words they
     * would match anything (a phrase's characters reordered, for one).
     */
    private static Query wordsAnywhere(List<String> words, Map<String, List<String>> alternatives, Set<String> rare) {
        List<Query> perWord = words.stream().map(w -> word(w, alternatives.getOrDefault(w, List.of()), true,
                rare.contains(w))).toList();
        // an identifier typed (a document number, a case code) is what the caller looks for: it must occur
        List<Query> required = words.stream().filter(ArchiveSearch::identifier).map(w -> Query.of(y -> y.multiMatch(mm -> mm
                .query(w).fields("titlePairs", "textPairs", "attachmentPairs", "titleWords", "textWords",
                        "attachmentWords")))).toList();
        // any one word finds a document (a topic typed with one word the documents use and one they do not
        // still finds the ones that use it); each word's BM25 adds up, so covering more of the query ranks higher
        return Query.of(m -> m.bool(b -> b.should(perWord).minimumShouldMatch("1").must(required)));
    }

    /** Documents that hold every word (or its synonyms) come before those that hold some. */
    private static Query allWords(List<String> words, Map<String, List<String>> alternatives) {
        return Query.of(q -> q.constantScore(c -> c.boost(30f).filter(f -> f.bool(b -> b.must(words.stream()
                .map(w -> word(w, alternatives.getOrDefault(w, List.of()), false, false)).toList())))));
    }

    /**
     * One word: where the segmenter found it, or as the same characters in a row (the segmenter may cut
     * a word differently inside a sentence than alone in a query); single characters only as words,
     * since inside other words they would match anything. With the office's synonyms, whichever of them
     * a document holds (a little below the word as typed). {@code partly}: also, well below, part of the
     * word, and for a {@code rare} one its characters spread as an abbreviation's are (found and
     * ranked, but not "holding" it).
     */
    private static Query word(String w, List<String> alternatives, boolean partly, boolean rare) {
        Query asWord = Query.of(y -> y.multiMatch(mm -> mm.query(w).fields("titleWords^4", "textWords",
                "attachmentWords^0.5").type(TextQueryType.MostFields)));
        String pairs = w.length() < 2 ? "" : ChineseWords.pairs(w);
        List<Query> options = new ArrayList<>();
        options.add(asWord);
        if (!pairs.isBlank()) {
            options.add(Query.of(y -> y.multiMatch(mm -> mm.query(pairs).type(TextQueryType.Phrase)
                    .fields("titlePairs^4", "textPairs", "attachmentPairs^0.5").boost(0.8f))));
        }
        for (String a : alternatives) {
            String altPairs = ChineseWords.pairs(a);
            options.add(altPairs.isBlank() || a.length() < 2 ? Query.of(y -> y.multiMatch(mm -> mm.query(a)
                    .fields("titleWords^4", "textWords", "attachmentWords^0.5").boost(0.9f)))
                    : Query.of(y -> y.multiMatch(mm -> mm.query(altPairs).type(TextQueryType.Phrase)
                            .fields("titlePairs^4", "textPairs", "attachmentPairs^0.5").boost(0.9f))));
        }
        if (partly && pairs.indexOf(' ') > 0) {
            // part of a longer word (植树造林 → 造林, 自贸区 → 自贸): found and ranked well below the word
            // itself, as a BM25 over character pairs would; not enough to count as holding the word
            options.add(Query.of(y -> y.multiMatch(mm -> mm.query(pairs).type(TextQueryType.MostFields)
                    .fields("titlePairs^4", "textPairs", "attachmentPairs^0.5").boost(PART_OF_WORD))));
        }
        if (partly && rare && abbreviation(w)) {
            // an abbreviation: its characters in order with a few between (个税 → 个人所得税, 集采 → 集中采购,
            // 自贸区 → 自由贸易试验区), over the single characters of the phrase fields; as weak as a part of a word
            for (String field : List.of("title", "text")) {
                options.add(Query.of(y -> y.intervals(iv -> iv.field(field)
                        .boost(field.equals("title") ? PART_OF_WORD * 4 : PART_OF_WORD)
                        .match(mt -> mt.query(w).ordered(true).maxGaps(4)))));
            }
        }
        return options.size() == 1 ? asWord : Query.of(x -> x.disMax(d -> d.queries(options)));
    }

    /** Two or three Chinese characters: what an abbreviation of a longer term looks like (个税, 自贸区). */
    private static boolean abbreviation(String w) {
        int length = w.codePointCount(0, w.length());
        return length >= 2 && length <= 3 && w.codePoints().allMatch(ArchiveSearch::han);
    }

    /**
     * The words of a query that may be abbreviations the archive does not use as words (个税, 集采): two
     * or three characters that at most two documents hold as a word. Counting a term in an index is
     * nearly free; looking for its characters spread apart in every text is not, so only these are.
     * The counts are remembered a while ({@link WordCounts}): the request for them was a third of
     * Elasticsearch's searches.
     */
    private Set<String> rare(List<String> words) {
        List<String> all = words.stream().filter(ArchiveSearch::abbreviation).distinct().limit(6).toList();
        Set<String> rare = new java.util.HashSet<>();
        List<String> candidates = new ArrayList<>();
        for (String w : all) {
            wordCounts.get(w).ifPresentOrElse(n -> {
                if (n <= 2) {
                    rare.add(w);
                }
            }, () -> candidates.add(w));
        }
        if (candidates.isEmpty()) {
            return rare;
        }
        Map<String, Query> counts = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            String w = candidates.get(i);
            counts.put(i + "t", Query.of(q -> q.term(t -> t.field("titleWords").value(w))));
            counts.put(i + "x", Query.of(q -> q.term(t -> t.field("textWords").value(w))));
        }
        try {
            var response = es.search(s -> s.index(index.alias()).size(0).trackTotalHits(t -> t.enabled(false))
                    .aggregations("n", a -> a.filters(f -> f.filters(b -> b.keyed(counts)))), Void.class);
            var buckets = response.aggregations().get("n").filters().buckets().keyed();
            for (int i = 0; i < candidates.size(); i++) {
                long n = buckets.get(i + "t").docCount() + buckets.get(i + "x").docCount();
                wordCounts.put(candidates.get(i), n);
                if (n <= 2) {
                    rare.add(candidates.get(i));
                }
            }
            return rare;
        } catch (Exception e) {
            return rare; // the search itself says what is wrong with Elasticsearch
        }
    }

    private static boolean han(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Letters with digits (MX1A2B, 2024A03), or five digits and more (a number, not a year or a count). */
    static boolean identifier(String word) {
        if (!CODE_RUN.matcher(word).matches()) {
            return false;
        }
        boolean digits = word.chars().anyMatch(Character::isDigit);
        boolean letters = word.chars().anyMatch(Character::isLetter);
        return digits && (letters || word.length() >= 5);
    }

    /**
     * What a query asks: quoted phrases, the typed chunks between spaces, their words, and what the
     * office's synonyms say some of the words also mean.
     */
    record ParsedQuery(List<String> phrases, List<String> chunks, List<String> words,
                       Map<String, List<String>> alternatives) {

        ParsedQuery(List<String> phrases, List<String> chunks, List<String> words) {
            this(phrases, chunks, words, Map.of());
        }

        /** What the hits mark: the phrases, what was typed, its words and their synonyms. */
        List<String> terms() {
            return Stream.of(phrases, chunks, words, alternatives.values().stream().flatMap(List::stream).toList())
                    .flatMap(List::stream).distinct().toList();
        }
    }

    private static final Pattern QUOTED = Pattern.compile("[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]");

    ParsedQuery parse(String q) {
        List<String> phrases = new ArrayList<>();
        Matcher m = QUOTED.matcher(q);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            if (!m.group(1).isBlank()) {
                phrases.add(m.group(1).strip());
            }
            m.appendReplacement(rest, " ");
        }
        m.appendTail(rest);
        // leftover quote marks and the like are not syntax: they only separate chunks
        List<String> chunks = Arrays.stream(rest.toString().replaceAll("[\"“”「」『』]", " ").split("\\s+"))
                .filter(t -> !t.isBlank()).toList();
        List<String> words = new ArrayList<>();
        Map<String, List<String>> alternatives = new LinkedHashMap<>();
        for (String chunk : chunks) {
            for (String w : withSynonyms(chunk, alternatives)) {
                if (!words.contains(w)) {
                    words.add(w);
                }
            }
        }
        return new ParsedQuery(phrases, chunks, words.size() > 32 ? words.subList(0, 32) : words, alternatives);
    }

    /**
     * A chunk's words, where a term the office keeps synonyms for (扫黑, 放管服) stays one word whatever
     * the segmenter would make of it, and its alternatives are noted.
     */
    private List<String> withSynonyms(String chunk, Map<String, List<String>> alternatives) {
        List<String> known = synonyms == null ? List.of() : synonyms.known();
        List<String> out = new ArrayList<>();
        String lower = chunk.toLowerCase(java.util.Locale.ROOT);
        int from = 0;
        for (int at = 0; at < lower.length(); ) {
            String found = null;
            for (String term : known) {
                if (lower.startsWith(term, at)) {
                    found = term;
                    break;
                }
            }
            if (found == null) {
                at++;
                continue;
            }
            out.addAll(chunkWords(chunk.substring(from, at)));
            out.add(found);
            alternatives.put(found, synonyms.alternatives(found));
            at += found.length();
            from = at;
        }
        out.addAll(chunkWords(chunk.substring(from)));
        return out;
    }

    /** A run of two or more letters and digits: a code, a number, an abbreviation (MX1A2B, 2026, GDP). */
    private static final Pattern CODE_RUN = Pattern.compile("[\\p{IsLatin}\\p{Nd}]{2,}");

    /**
     * The words of a typed chunk: Chinese through the segmenter, but a run of letters and digits as
     * one word (found as the one token the pair fields hold for it). The segmenter cuts MX1A2B into
     * mx, 1, a, 2, b, and three in four single letters and digits match nearly any other code.
     */
    List<String> chunkWords(String chunk) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE_RUN.matcher(chunk);
        int at = 0;
        while (m.find()) {
            out.addAll(mergeSingles(this.words.words(chunk.substring(at, m.start()))));
            out.add(m.group().toLowerCase(java.util.Locale.ROOT));
            at = m.end();
        }
        out.addAll(mergeSingles(this.words.words(chunk.substring(at))));
        return out;
    }

    /**
     * Runs of single Chinese characters become one word: the segmenter cuts an unknown word (工厂 in
     * 工厂火情) into characters, which are found again as those characters in a row.
     */
    static List<String> mergeSingles(List<String> tokens) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (String t : tokens) {
            // Chinese characters only: letters and digits stand alone as the index has them (MX1A2B → mx, 1, a, 2, b)
            if (t.codePointCount(0, t.length()) == 1
                    && Character.UnicodeScript.of(t.codePointAt(0)) == Character.UnicodeScript.HAN) {
                run.append(t);
                continue;
            }
            if (!run.isEmpty()) {
                out.add(run.toString());
                run.setLength(0);
            }
            out.add(t);
        }
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
        return out;
    }

    private static Query phrase(String text, float boost) {
        if (text.codePointCount(0, text.length()) == 1) {
            // one character: the pair fields hold it only where it stands alone; as a word it is anywhere
            return Query.of(m -> m.multiMatch(mm -> mm.query(text).fields("titleWords^3", "textWords",
                    "attachmentWords^0.5").boost(boost)));
        }
        String pairs = ChineseWords.pairs(text);
        if (pairs.isBlank()) {
            // nothing but punctuation: it matches as it stands in the title or attachments, or not at all
            return Query.of(m -> m.multiMatch(mm -> mm.query(text).type(TextQueryType.Phrase)
                    .fields("title^3", "attachments^0.5").boost(boost)));
        }
        return Query.of(m -> m.disMax(d -> d.boost(boost)
                .queries(Query.of(x -> x.multiMatch(mm -> mm.query(pairs).type(TextQueryType.Phrase)
                        .fields("titlePairs^3", "textPairs", "attachmentPairs^0.5"))))
                .queries(Query.of(x -> x.multiMatch(mm -> mm.query(text).type(TextQueryType.Phrase)
                        .fields("issueTitle", "author"))))));
    }

    /** The hits' texts from the database; without them (the database away) the hits are shown unmarked. */
    private Map<String, String> texts(SearchResponse<Map> response) {
        try {
            return entries.texts(response.hits().hits().stream().map(h -> String.valueOf(h.source().get("submissionId")))
                    .toList());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static List<Map<String, Object>> facet(Aggregate aggregate, java.util.function.Function<String, String> label) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (aggregate == null) {
            return out;
        }
        if (aggregate.isSterms()) {
            aggregate.sterms().buckets().array().forEach(b -> out.add(Map.of("key", b.key().stringValue(),
                    "label", label.apply(b.key().stringValue()), "count", b.docCount())));
        } else if (aggregate.isLterms()) {
            aggregate.lterms().buckets().array().forEach(b -> out.add(Map.of("key", String.valueOf(b.key()),
                    "label", label.apply(String.valueOf(b.key())), "count", b.docCount())));
        }
        return out;
    }

    private static Query term(String field, String value) {
        return Query.of(f -> f.term(t -> t.field(field).value(value)));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String code(String field, String value) {
        String v = value.strip();
        if (!CODE.matcher(v).matches()) {
            throw bad(field, "单位代码“" + value + "”格式不正确。");
        }
        return v;
    }

    private static <E extends Enum<E>> String known(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase()).name().toLowerCase();
        } catch (IllegalArgumentException e) {
            throw bad(field, "未知的" + ("kind".equals(field) ? "信息类别" : "简报类别") + "“" + value + "”。");
        }
    }

    private static String date(String field, String value) {
        LocalDate day = present(value) ? Inputs.day(field, value) : null;
        return day == null ? null : day.toString();
    }

    private static ApiException bad(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, field, message);
    }
}
