package cn.jianbao.archive;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * How many documents hold a query word, remembered between searches: most queries are two- and
 * three-character words, whose counts the search asks for to tell a rare abbreviation (个税) from a
 * word in use, and editors repeat and refine their queries. A count is forgotten when this node
 * indexes a document holding the word, and after {@link #TTL_SECONDS} in any case (the other node's
 * writes); a stale count only changes whether a word is also looked for as characters apart.
 */
@Component
class WordCounts {

    static final long TTL_SECONDS = 60;
    private static final int MAX = 5_000;

    private record Count(long documents, long expiresAt) {
    }

    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    Optional<Long> get(String word) {
        Count c = counts.get(word);
        if (c == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - c.expiresAt() > 0) {
            counts.remove(word, c);
            return Optional.empty();
        }
        return Optional.of(c.documents());
    }

    void put(String word, long documents) {
        if (counts.size() >= MAX) {
            counts.clear(); // a burst of distinct words: start over rather than keep a long tail
        }
        counts.put(word, new Count(documents, System.nanoTime() + TimeUnit.SECONDS.toNanos(TTL_SECONDS)));
    }

    /** Documents this node has just written, as their space-separated words: counts of those words go. */
    void written(Collection<ArchiveEntry.Words> documents) {
        if (counts.isEmpty()) {
            return;
        }
        for (ArchiveEntry.Words w : documents) {
            for (String field : new String[] {w.title(), w.text()}) {
                if (field != null) {
                    for (String word : field.split(" ")) {
                        counts.remove(word);
                    }
                }
            }
        }
    }

    void clear() {
        counts.clear();
    }
}
