package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a hit's title and text show of the query: marked, escaped, the best passages in their order. */
class HighlighterTest {

    @Test
    void aPhraseIsMarkedAsAWholeAndItsWordsWhereTheyStandApart() {
        Highlighter h = new Highlighter(List.of("垃圾分类", "垃圾", "分类"));
        assertThat(h.whole("清溪镇推进垃圾分类，分类投放"))
                .isEqualTo("清溪镇推进<em>垃圾分类</em>，<em>分类</em>投放");
    }

    @Test
    void everythingButTheMarksIsEscaped() {
        Highlighter h = new Highlighter(List.of("暗访"));
        assertThat(h.whole("<script>alert('x')</script>&暗访\"/"))
                .isEqualTo("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2F;script&gt;&amp;<em>暗访</em>&quot;&#x2F;");
        // a query made of markup is text like any other
        assertThat(new Highlighter(List.of("<em>")).whole("a<em>b")).isEqualTo("a<em>&lt;em&gt;</em>b");
    }

    @Test
    void latinWordsAndNumbersMatchAsWholeWordsWithoutRegardToCase() {
        Highlighter h = new Highlighter(List.of("app", "2026"));
        assertThat(h.whole("政务App上线，Apple不是，2026年，20261不是"))
                .isEqualTo("政务<em>App</em>上线，Apple不是，<em>2026</em>年，20261不是");
    }

    @Test
    void nothingFoundIsNoHighlight() {
        Highlighter h = new Highlighter(List.of("陨石"));
        assertThat(h.whole("清溪镇")).isNull();
        assertThat(h.fragments("清溪镇推进垃圾分类。", 90, 3)).isEmpty();
        assertThat(new Highlighter(List.of(" ")).isEmpty()).isTrue();
        assertThat(new Highlighter(List.of()).whole("清溪镇")).isNull();
    }

    @Test
    void thePassagesWithTheMostTermsAreChosenAndShownInTheirOrder() {
        String filler = "这是一段与检索无关的文字，用来把段落隔开。".repeat(8);
        String text = "开头提到防汛一次。" + filler + "第二段同时提到防汛和抗旱，还有应急。" + filler
                + "第三段提到抗旱与防汛。" + filler + "结尾再提防汛。";
        List<String> fragments = new Highlighter(List.of("防汛", "抗旱", "应急")).fragments(text, 90, 2);
        assertThat(fragments).hasSize(2);
        assertThat(fragments.get(0)).contains("第二段同时提到<em>防汛</em>和<em>抗旱</em>，还有<em>应急</em>");
        assertThat(fragments.get(1)).contains("第三段提到<em>抗旱</em>与<em>防汛</em>");
        // a passage begins at its sentence's start and stays about the size asked for
        assertThat(fragments.get(0)).startsWith("第二段");
        assertThat(fragments).allSatisfy(f -> assertThat(f.replace("<em>", "").replace("</em>", "").length())
                .isLessThanOrEqualTo(120));
    }

    @Test
    void aLongTextWithManyOccurrencesStaysQuick() {
        String text = "防汛".repeat(50_000);
        List<String> fragments = new Highlighter(List.of("防汛", "防")).fragments(text, 90, 3);
        assertThat(fragments).hasSize(3).allSatisfy(f -> assertThat(f).contains("<em>防汛</em>").doesNotContain("<em>防</em>")
                .hasSizeLessThan(90 * 12));
    }

    @Test
    void passagesNeverRepeatTextNorSplitACharacter() {
        Highlighter h = new Highlighter(List.of("防汛"));
        // the second occurrence just beyond the first passage: its passage starts where the first ends
        String apart = "防汛" + "甲".repeat(98) + "防汛" + "乙".repeat(20);
        assertThat(shown(h.fragments(apart, 90, 3))).hasSize(apart.length());
        // one across the first passage's end: not cut in half there, marked whole in the next
        String across = "防汛" + "甲".repeat(87) + "防汛" + "乙".repeat(20);
        List<String> fragments = h.fragments(across, 90, 3);
        assertThat(String.join("|", fragments).split("<em>防汛</em>", -1)).hasSize(3);
        assertThat(shown(fragments)).hasSize(across.length());
        // a passage starting some characters back does not begin with half of a character
        String rare = "甲".repeat(24) + "𠀀" + "乙".repeat(14) + "防汛";
        assertThat(shown(h.fragments(rare, 90, 3)).chars().filter(c -> c >= 0xD800 && c <= 0xDFFF).count()).isIn(0L, 2L);
        assertThat(Character.isLowSurrogate(h.fragments(rare, 90, 3).get(0).charAt(0))).isFalse();
    }

    private static String shown(List<String> fragments) {
        return String.join("", fragments).replace("<em>", "").replace("</em>", "");
    }
}
