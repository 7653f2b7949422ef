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

    /** The words joined by spaces, for a field Elasticsearch splits on whitespace. */
    public String analysed(String text) {
        return String.join(" ", words(text));
    }
}
