package cn.jianbao.publication.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.apache.pdfbox.rendering.PDFRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The printed PDF read back and measured against GB/T 9704-2012 as briefings use it: the red
 * masthead at the top of the first page, text inside the margins (the binding margin on the inner
 * side), page numbers "— n —" right on odd and left on even pages, the 版记 ending on the text
 * block's last line of the last page and that page even, 份号 per copy, and the same bytes when
 * the same issue is made again.
 */
class PrintedPageTest {

    private static final String SENTENCE = "镇里把扫黑除恶专项斗争与领导干部驻点联系群众工作相结合，通过深入群众提升宣传和线索摸排力度。";
    private static PrintFonts fonts;

    @BeforeAll
    static void fonts() {
        fonts = new PrintFonts(List.of("/usr/share/fonts", "/usr/local/share/fonts"));
    }

    private static PrintedIssue issue(int articles, int paragraphs, boolean numbered, String lead) {
        List<PrintedIssue.Article> list = new ArrayList<>();
        for (int i = 1; i <= articles; i++) {
            list.add(new PrintedIssue.Article("第" + i + "条信息的标题", "清溪镇", "李四", Collections.nCopies(paragraphs, SENTENCE)));
        }
        return new PrintedIssue("扫黑除恶简报", 2026, 7, "本期综合", "东莞市扫黑办", LocalDate.of(2026, 12, 2), null, list,
                List.of("市扫黑办"), List.of("市委政法委"), List.of("清溪镇", "麻涌镇"), 30, lead, numbered);
    }

    private static List<PdfGlyphs.Glyph> glyphs(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return PdfGlyphs.of(doc);
        }
    }

    /** The PDF and its pages as PNG under target/print/, to look at. */
    static void keep(String name, byte[] pdf) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "print"));
        Files.write(dir.resolve(name + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                ImageIO.write(renderer.renderImageWithDPI(p, 60), "png", dir.resolve(name + "-" + (p + 1) + ".png").toFile());
            }
        }
    }

    private static String sha(byte[] bytes) {
        return IssueDocuments.sha256(bytes);
    }

    private static int pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    /** Issues whose text ends high and low on odd and even pages: the 版记 always ends the last, even page. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 21})
    void theFootEndsTheLastPageAndThatPageIsEven(int paragraphs) throws Exception {
        assumeTrue(fonts.available(), "no Chinese TrueType font for the PDF");
        byte[] pdf = new PdfWriter(fonts).write(issue(2, paragraphs, false, null));
        keep("foot-" + paragraphs, pdf);
        int pages = pages(pdf);
        List<PdfGlyphs.Glyph> glyphs = glyphs(pdf);
        assertThat(pages % 2).as("%d pages: the last is the back of a sheet", pages).isZero();
        assertThat(PdfGlyphs.page(glyphs, pages)).contains("报：市扫黑办", "发：清溪镇，麻涌镇", "印发", "（共印30份）");
        for (int p = 1; p < pages; p++) {
            assertThat(PdfGlyphs.page(glyphs, p)).as("page %d", p).doesNotContain("共印", "印发");
        }
        // the 版记's last line is the text block's last line: its baseline within a line of 297 − 35 mm
        double lastBaseline = glyphs.stream().filter(g -> g.page() == pages && g.text().equals("份"))
                .mapToDouble(PdfGlyphs.Glyph::y).max().orElseThrow();
        assertThat(lastBaseline).as("baseline of （共印30份） in mm from the top").isBetween(262.0 - 10.0, 262.0);

        // the text block: 37 mm from the top, 35 mm from the bottom; 28 mm binding margin inside, 26 mm outside
        for (PdfGlyphs.Glyph g : glyphs) {
            boolean number = g.y() > 262.0; // the page numbers stand under the block
            if (number) {
                continue;
            }
            double inner = g.page() % 2 == 1 ? 28 : 26;
            assertThat(g.x()).as("%s on page %d", g.text(), g.page()).isGreaterThanOrEqualTo(inner - 0.5);
            assertThat(g.x()).as("%s on page %d", g.text(), g.page()).isLessThanOrEqualTo(210 - (g.page() % 2 == 1 ? 26 : 28));
            assertThat(g.y()).as("%s on page %d", g.text(), g.page()).isGreaterThanOrEqualTo(37.0);
        }
    }

    @Test
    void pageNumbersStandOutsideUnderTheTextAndTheMastheadIsRedAtTheTop() throws Exception {
        assumeTrue(fonts.available(), "no Chinese TrueType font for the PDF");
        byte[] pdf = new PdfWriter(fonts).write(issue(4, 8, false, null));
        int pages = pages(pdf);
        assertThat(pages).isGreaterThanOrEqualTo(4);
        List<PdfGlyphs.Glyph> glyphs = glyphs(pdf);
        for (int p = 1; p <= pages; p++) {
            int page = p;
            List<PdfGlyphs.Glyph> under = glyphs.stream().filter(g -> g.page() == page && g.y() > 262.0).toList();
            String number = String.join("", under.stream().map(PdfGlyphs.Glyph::text).toList()).replaceAll("\\s+", "");
            assertThat(number).as("page %d's number", p).isEqualTo("—" + p + "—");
            // 7 mm under the text block (the dash line's top), one character in from the outer edge
            assertThat(under.get(0).y()).isBetween(262.0 + 7.0, 262.0 + 16.0);
            if (p % 2 == 1) {
                assertThat(under.get(under.size() - 1).x()).as("odd page: right").isGreaterThan(150.0);
            } else {
                assertThat(under.get(0).x()).as("even page: left").isLessThan(50.0);
            }
        }
        List<PdfGlyphs.Glyph> masthead = glyphs.stream().filter(g -> g.page() == 1 && g.red()).toList();
        assertThat(String.join("", masthead.stream().map(PdfGlyphs.Glyph::text).toList()).replaceAll("\\s+", ""))
                .isEqualTo("扫黑除恶简报");
        assertThat(masthead).allSatisfy(g -> {
            assertThat(g.y()).as("the masthead in the first third of the page").isBetween(37.0, 99.0);
            assertThat(g.size()).isGreaterThanOrEqualTo(40.0);
        });
        // centred in the text block: as far from its left edge as from its right
        double left = masthead.get(0).x() - 28;
        double right = 210 - 26 - (masthead.get(masthead.size() - 1).x() + 48 / 72.0 * 25.4);
        assertThat(Math.abs(left - right)).as("masthead centred (left %.1f, right %.1f mm)", left, right).isLessThan(12.0);
        assertThat(glyphs.stream().filter(g -> !g.red()).count()).as("only the masthead is red text").isEqualTo(
                glyphs.size() - masthead.size());
    }

    @Test
    void aLeadStandsBeforeTheArticlesAndTheSameIssueMakesTheSameBytes() throws Exception {
        assumeTrue(fonts.available(), "no Chinese TrueType font for the PDF");
        PrintedIssue issue = issue(3, 2, false, "近期各镇街扎实推进线索摸排，现将有关做法摘编如下。");
        byte[] first = new PdfWriter(fonts).write(issue);
        keep("lead", first);
        String text = PdfGlyphs.page(glyphs(first), 1);
        assertThat(text).contains("编者按：近期各镇街扎实推进线索摸排");
        assertThat(text.indexOf("编者按")).isLessThan(text.indexOf("【本期要目】"));
        assertThat(sha(new PdfWriter(fonts).write(issue))).as("made again by another writer").isEqualTo(sha(first));
        assertThat(sha(new DocxWriter().write(issue))).as("Word made again").isEqualTo(sha(new DocxWriter().write(issue)));
        assertThat(sha(new OfdWriter().write(issue))).as("OFD made again").isEqualTo(sha(new OfdWriter().write(issue)));
    }

    @Test
    void numberedCopiesCarryTheirNumberTopLeftAndTheMasterNone() throws Exception {
        assumeTrue(fonts.available(), "no Chinese TrueType font for the PDF");
        PrintedIssue issue = issue(1, 3, true, null);
        byte[] master = new PdfWriter(fonts).write(issue);
        assertThat(glyphs(master).stream().filter(g -> g.text().matches("\\d") && g.y() < 50)).as("master: no 份号").isEmpty();
        byte[] copies = PdfWriter.copies(master, issue, 3, 5);
        keep("copies", copies);
        int pages = pages(master);
        assertThat(pages(copies)).isEqualTo(3 * pages);
        List<PdfGlyphs.Glyph> glyphs = glyphs(copies);
        IntStream.rangeClosed(0, 2).forEach(i -> {
            int first = i * pages + 1;
            List<PdfGlyphs.Glyph> top = glyphs.stream().filter(g -> g.page() == first && g.y() < 50).toList();
            top = top.stream().filter(g -> !g.text().isBlank() && !g.text().equals("\u00a0")).toList();
            assertThat(String.join("", top.stream().map(PdfGlyphs.Glyph::text).toList()))
                    .isEqualTo(PrintedIssue.copyLabel(3 + i));
            assertThat(top.get(0).x()).as("flush with the text block's left edge").isBetween(27.5, 29.0);
            assertThat(top.get(0).y()).as("on its first line").isBetween(37.0, 48.0);
        });
        assertThat(sha(PdfWriter.copies(master, issue, 3, 5))).as("copies made again").isEqualTo(sha(copies));
        // a print run's worth in one file carries the fonts once: far less than fifty masters
        byte[] fifty = PdfWriter.copies(master, issue, 1, 50);
        assertThat(pages(fifty)).isEqualTo(50 * pages);
        assertThat((long) fifty.length).as("50 copies, bytes (master %d)", master.length).isLessThan(master.length * 5L);
    }
}
