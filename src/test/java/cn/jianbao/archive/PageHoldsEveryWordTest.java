package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whether a search may skip asking Elasticsearch if any document holds every word: only when a hit
 * on the page plainly does (each word, or a synonym of it, written in its title or text); in every
 * doubtful case the index is asked (ArchiveSearchTest covers the answers end to end).
 */
class PageHoldsEveryWordTest {

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static SearchResponse<Map> page(String title, String id) {
        Hit<Map> hit = Hit.of(h -> h.index("jianbao-archive").id(id).source(Map.of("title", title, "submissionId", id)));
        return SearchResponse.of(r -> r.took(1).timedOut(false)
                .shards(s -> s.total(1).successful(1).failed(0))
                .hits(h -> h.hits(List.of(hit))));
    }

    private static ArchiveSearch.ParsedQuery query(List<String> words, Map<String, List<String>> alternatives) {
        return new ArchiveSearch.ParsedQuery(List.of(), List.of(), words, alternatives);
    }

    @Test
    void aHitWithEveryWordInItsTitleOrTextAnswers() {
        SearchResponse<Map> r = page("黄江镇扫黑除恶工作动态", "a");
        Map<String, String> texts = Map.of("a", "本月排查线索12条，入户走访300户。");
        assertThat(ArchiveSearch.pageHoldsEveryWord(r, texts, query(List.of("扫黑", "走访"), Map.of()))).isTrue();
        // a synonym of the word, as written, counts as the word
        assertThat(ArchiveSearch.pageHoldsEveryWord(r, texts,
                query(List.of("打黑", "走访"), Map.of("打黑", List.of("扫黑"))))).isTrue();
    }

    @Test
    void otherwiseTheIndexIsAsked() {
        SearchResponse<Map> r = page("黄江镇扫黑除恶工作动态", "a");
        Map<String, String> texts = Map.of("a", "本月排查线索12条，入户走访300户。");
        // a word the page's hits lack
        assertThat(ArchiveSearch.pageHoldsEveryWord(r, texts, query(List.of("扫黑", "陨石"), Map.of()))).isFalse();
        // one character, letters or digits: the index's words and pairs decide, not a substring
        assertThat(ArchiveSearch.pageHoldsEveryWord(r, texts, query(List.of("扫黑", "镇"), Map.of()))).isFalse();
        assertThat(ArchiveSearch.pageHoldsEveryWord(r, Map.of("a", "5G基站 走访"), query(List.of("5G", "走访"), Map.of())))
                .isFalse();
        // a synonym in letters: asked too
        assertThat(ArchiveSearch.pageHoldsEveryWord(r, texts,
                query(List.of("政务微信", "走访"), Map.of("政务微信", List.of("WeCom"))))).isFalse();
    }
}
