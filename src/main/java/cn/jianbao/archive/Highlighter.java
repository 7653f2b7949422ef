package cn.jianbao.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Marks what was typed in a hit's title and text (from the database), in the application:
 * Elasticsearch's highlighter re-analysed every hit's title and text to find the words again, nearly
 * half its time per search, and needed the text indexed once more and sent back. Here the typed
 * phrases and words are plain substrings - what a phrase of the standard analyzer's single-character
 * Chinese tokens matched; Latin letters and digits match as whole words, as its tokens did, without
 * regard to case. Everything but the marks is HTML-escaped, as Elasticsearch's html encoder did.
 */
final class Highlighter {

    static final String PRE = "<em>";
    static final String POST = "</em>";

    private final List<String> terms;

    /** {@code terms}: phrases and words as typed; blank ones ignored. */
    Highlighter(List<String> terms) {
        this.terms = terms.stream().map(Highlighter::lower).filter(t -> !t.isBlank()).distinct()
                // the longer first, so a phrase is marked as a whole rather than as its words
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The whole text with every occurrence marked; null when nothing occurs. */
    String whole(String text) {
        if (text == null || terms.isEmpty()) {
            return null;
        }
        List<int[]> marks = marks(text);
        return marks.isEmpty() ? null : render(text, 0, text.length(), marks);
    }

    /**
     * Up to {@code count} passages of about {@code size} characters around occurrences, the passages with
     * the most different terms (then the most occurrences) chosen, in the order they stand; each begins
     * at a sentence's start where one is near. Empty when nothing occurs.
     */
    List<String> fragments(String text, int size, int count) {
        if (text == null || terms.isEmpty()) {
            return List.of();
        }
        List<int[]> marks = marks(text);
        if (marks.isEmpty()) {
            return List.of();
        }
        // passages: a start before an occurrence, then every occurrence that ends within size of it
        List<int[]> passages = new ArrayList<>(); // start, end, first mark, last mark (exclusive), score
        int i = 0;
        int previousEnd = 0;
        while (i < marks.size()) {
            // never into the passage before (its text shown twice), never between a surrogate pair
            int start = Math.max(previousEnd, sentenceStart(text, marks.get(i)[0], size / 3));
            if (start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start))) {
                start++;
            }
            int j = i;
            while (j < marks.size() && marks.get(j)[1] <= start + size) {
                j++;
            }
            j = Math.max(j, i + 1);
            int end = Math.min(text.length(), Math.max(marks.get(j - 1)[1], start + size));
            end = sentenceEnd(text, marks.get(j - 1)[1], end);
            if (j < marks.size()) {
                end = Math.min(end, marks.get(j)[0]); // the next occurrence begins the next passage
            }
            if (end > marks.get(j - 1)[1] && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            previousEnd = end;
            long distinct = marks.subList(i, j).stream().mapToInt(m -> m[2]).distinct().count();
            passages.add(new int[] {start, end, i, j, (int) distinct * 1000 + (j - i)});
            i = j;
        }
        return passages.stream()
                .sorted(Comparator.comparingInt((int[] p) -> -p[4]).thenComparingInt(p -> p[0]))
                .limit(count)
                .sorted(Comparator.comparingInt(p -> p[0]))
                .map(p -> render(text, p[0], p[1], marks.subList(p[2], p[3])))
                .toList();
    }

    /** Non-overlapping occurrences in order: start, end, which term. */
    private List<int[]> marks(String text) {
        String lower = lower(text);
        boolean[] taken = new boolean[text.length()];
        List<int[]> found = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            for (int at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
                int end = at + term.length();
                if (!wordEdges(lower, at, end) || overlaps(taken, at, end)) {
                    continue;
                }
                for (int k = at; k < end; k++) {
                    taken[k] = true;
                }
                found.add(new int[] {at, end, t});
            }
        }
        found.sort(Comparator.comparingInt(m -> m[0]));
        return found;
    }

    private static boolean overlaps(boolean[] taken, int from, int to) {
        for (int k = from; k < to; k++) {
            if (taken[k]) {
                return true;
            }
        }
        return false;
    }

    /** A term beginning or ending with a letter or digit of a Latin word is not a part of a longer one. */
    private static boolean wordEdges(String text, int start, int end) {
        return !(latin(text, start) && latin(text, start - 1)) && !(latin(text, end - 1) && latin(text, end));
    }

    private static boolean latin(String text, int at) {
        if (at < 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return c < 0x3000 && Character.isLetterOrDigit(c);
    }

    /** After a sentence's end within reach, else after a clause's (，、：), else some characters before. */
    private static int sentenceStart(String text, int at, int reach) {
        int clause = -1;
        for (int k = at - 1; k >= Math.max(0, at - reach); k--) {
            char c = text.charAt(k);
            if (ends(c)) {
                return k + 1;
            }
            if (clause < 0 && (c == '，' || c == '、' || c == '：' || c == ',')) {
                clause = k + 1;
            }
        }
        if (at - reach <= 0) {
            return 0;
        }
        return clause >= 0 ? clause : at - reach / 2;
    }

    /** A sentence's end between the last occurrence and the passage's end, else the passage's end. */
    private static int sentenceEnd(String text, int from, int end) {
        for (int k = end - 1; k >= from; k--) {
            if (ends(text.charAt(k))) {
                return k + 1;
            }
        }
        return end;
    }

    private static boolean ends(char c) {
        return c == '。' || c == '！' || c == '？' || c == '；' || c == '\n' || c == '!' || c == '?';
    }

    private static String render(String text, int from, int to, List<int[]> marks) {
        StringBuilder out = new StringBuilder(to - from + marks.size() * 9);
        int at = from;
        for (int[] m : marks) {
            if (m[0] < from || m[1] > to) {
                continue;
            }
            escape(text, at, m[0], out);
            out.append(PRE);
            escape(text, m[0], m[1], out);
            out.append(POST);
            at = m[1];
        }
        escape(text, at, to, out);
        return out.toString().strip();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '/' -> out.append("&#x2F;");
                default -> out.append(c);
            }
        }
    }

    /** Lower case with every index kept (String.toLowerCase may change the length). */
    private static String lower(String s) {
        char[] chars = s.toCharArray();
        for (int k = 0; k < chars.length; k++) {
            chars[k] = Character.toLowerCase(chars[k]);
        }
        return new String(chars);
    }
}
