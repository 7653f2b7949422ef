package cn.jianbao.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.springframework.stereotype.Component;

/**
 * Chinese text as words (Lucene's smartcn segmenter, punctuation dropped): the index keeps a
 * pre-analysed copy of title and text, and queries are segmented the same way, so 东莞扫黑除恶
 * typed without spaces finds documents with 东莞 and 扫黑除恶 anywhere, on any Elasticsearch.
 */
@Component
public class ChineseWords {

    /** Thread-safe: Lucene analyzers reuse their token streams per thread. */
    private final Analyzer analyzer = new SmartChineseAnalyzer(true);

    public List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Names the segmenter and its settings: stored words made by another version are segmented
     * again (part of {@link #key}).
     */
    static final String VERSION = "smartcn-" + org.apache.lucene.util.Version.LATEST + "/stopwords-1";

    /** A digest of what is segmented (and by which segmenter): stored words are reused while it matches. */
    static String key(String... texts) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String t : texts) {
                sha.update((byte) 0);
                if (t != null) {
                    sha.update(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    sha.update((byte) 1);
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Text as overlapping pairs of Chinese characters (a lone character as itself) and lowercased
     * runs of letters and digits, joined by spaces: 市场监管，MX1A2B → 市场 场监 监管 mx1a2b. A phrase
     * of these in a row is exactly a substring of the text (never across punctuation), and costs a
     * few sparse postings instead of one per character, each of which is in nearly every document.
     */
    public static String pairs(String text) {
        StringBuilder out = new StringBuilder();
        if (text == null) {
            return "";
        }
        int previousHan = -1;
        boolean lone = false; // the previous character began a run of Chinese characters and is not yet emitted
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean han = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            if (han) {
                flush(word, out);
                if (previousHan >= 0) {
                    out.append(out.isEmpty() ? "" : " ").appendCodePoint(previousHan).appendCodePoint(c);
                    lone = false;
                } else {
                    lone = true;
                }
                previousHan = c;
                continue;
            }
            if (lone) {
                out.append(out.isEmpty() ? "" : " ").appendCodePoint(previousHan);
                lone = false;
            }
            previousHan = -1;
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(Character.toLowerCase(c));
            } else {
                flush(word, out);
            }
        }
        if (lone) {
            out.append(out.isEmpty() ? "" : " ").appendCodePoint(previousHan);
        }
        flush(word, out);
        return out.toString();
    }

    private static void flush(StringBuilder word, StringBuilder out) {
        if (!word.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(word);
            word.setLength(0);
        }
    }

    /** The words joined by spaces, for a field Elasticsearch splits on whitespace. */
    public String analysed(String text) {
        return String.join(" ", words(text));
    }
}
