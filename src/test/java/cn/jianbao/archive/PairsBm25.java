package cn.jianbao.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline the archive's ranking is compared with: a plain BM25 (k1 1.2, b 0.75) over the
 * character pairs of each document's title and text, the query cut into the pairs of its chunks
 * (a one-character chunk as itself). Nothing of the archive's own is used: no segmenter, no synonyms.
 */
final class PairsBm25 {

    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final List<String> ids = new ArrayList<>();
    private final List<Map<String, Integer>> counts = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final Map<String, Integer> df = new HashMap<>();
    private double averageLength;

    void add(String id, String text) {
        List<String> pairs = pairs(text);
        Map<String, Integer> tf = new HashMap<>();
        pairs.forEach(p -> tf.merge(p, 1, Integer::sum));
        tf.keySet().forEach(p -> df.merge(p, 1, Integer::sum));
        ids.add(id);
        counts.add(tf);
        lengths.add(pairs.size());
        averageLength = lengths.stream().mapToInt(Integer::intValue).average().orElse(1);
    }

    /** The best ten documents for the query, best first (none where no pair occurs). */
    List<String> top10(String query) {
        List<String> terms = new ArrayList<>();
        for (String chunk : query.strip().split("\\s+")) {
            List<String> p = pairs(chunk);
            terms.addAll(p.isEmpty() && !chunk.isBlank() ? List.of(chunk) : p);
        }
        int n = ids.size();
        double[] score = new double[n];
        for (String t : terms) {
            Integer d = df.get(t);
            if (d == null) {
                continue;
            }
            double idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
            for (int i = 0; i < n; i++) {
                Integer f = counts.get(i).get(t);
                if (f != null) {
                    score[i] += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * lengths.get(i) / averageLength));
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (score[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -score[i]));
        return order.stream().limit(10).map(ids::get).toList();
    }

    /** Consecutive pairs of letters, digits and Chinese characters; punctuation and spaces break a run. */
    static List<String> pairs(String text) {
        List<String> out = new ArrayList<>();
        int[] cps = text.toLowerCase(java.util.Locale.ROOT).codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            if (Character.isLetterOrDigit(cps[i]) && Character.isLetterOrDigit(cps[i + 1])) {
                out.add(new String(cps, i, 2));
            }
        }
        return out;
    }
}
