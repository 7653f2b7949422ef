package cn.jianbao.publication.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * The issue's XHTML comes from a template: what people typed is text in it — escaped, never markup,
 * never an expression the engine evaluates — and the result is well-formed XML whatever they typed.
 */
class XhtmlLayoutTest {

    private static final List<String> TYPED = List.of("<b>粗体</b> & \"引号\" 'x'", "${7*7}", "__${7*7}__",
            "[[${7*7}]]", "[(${7*7})]", "#{x}", "*{x}", "~{print/issue}", "]]>", "<!--", "控制\u0001\u0008字符");

    private static PrintedIssue issue() {
        String all = String.join("|", TYPED);
        var article = new PrintedIssue.Article("标题" + all, "单位" + all, "作者" + all, List.of("正文" + all, "第二段"));
        return new PrintedIssue("简报" + all, 2026, 3, "本期" + all, "扫黑办" + all, LocalDate.of(2026, 12, 7), "内部",
                List.of(article, article), List.of("报" + all), List.of("送" + all), List.of("发" + all), 30, "编者按" + all, true);
    }

    @Test
    void whatPeopleTypedIsTextAndTheResultIsWellFormed() throws Exception {
        for (XhtmlLayout.Foot foot : List.of(XhtmlLayout.Foot.NATURAL, new XhtmlLayout.Foot(false, 120.5f, true, false),
                new XhtmlLayout.Foot(false, 80f, true, true))) {
            String xhtml = XhtmlLayout.of(issue(), foot);
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
            String text = doc.getDocumentElement().getTextContent();
            for (String typed : TYPED.subList(0, TYPED.size() - 1)) {
                assertThat(text).as("typed text kept as text").contains(typed);
            }
            assertThat(text).contains("控制字符").doesNotContain("49").doesNotContain("\u0001");
            assertThat(doc.getElementsByTagName("b").getLength()).as("no markup from typed text").isZero();
            assertThat(xhtml).doesNotContain(" th:", "xmlns:th").contains("id=\"text-end\"", "id=\"foot\"");
            assertThat(doc.getElementsByTagName("h2").getLength()).isEqualTo(2);
        }
    }

    @Test
    void theFootIsPlacedAsMeasured() {
        String natural = XhtmlLayout.of(issue(), XhtmlLayout.Foot.NATURAL);
        assertThat(natural).contains("class=\"foot-gap\"").doesNotContain("class=\"bare");
        String turn = XhtmlLayout.of(issue(), new XhtmlLayout.Foot(false, 120.5f, true, false));
        assertThat(turn).contains("style=\"height: 120.50pt\" class=\"turn\"").doesNotContain("class=\"bare");
        String blank = XhtmlLayout.of(issue(), new XhtmlLayout.Foot(false, 80f, true, true));
        assertThat(blank).contains("<div class=\"bare\"><p>&#160;</p></div>", "<div class=\"bare turn\">")
                .contains("style=\"height: 80.00pt\"").doesNotContain("class=\"turn\"");
    }
}
