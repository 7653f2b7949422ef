package cn.jianbao.publication.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;

/**
 * Issues that stretch the layout finish in every format with nothing lost: many articles over
 * many pages, one paragraph longer than a page, a headline of 200 characters, 400 recipients.
 * (ofdrw once split a rule at a page end without end, until the heap ran out.)
 */
class PrintLayoutTest {

    private static final String SENTENCE = "镇里把扫黑除恶专项斗争与领导干部驻点联系群众工作相结合，通过深入群众提升宣传和线索摸排力度。";

    private static PrintedIssue issue(String shape) {
        int articles = shape.equals("many") ? 60 : 3;
        List<PrintedIssue.Article> list = new ArrayList<>();
        for (int i = 1; i <= articles; i++) {
            String headline = shape.equals("long-headline") ? "标题" + i + "：" + "长".repeat(196) : "第" + i + "条信息";
            List<String> paragraphs = shape.equals("long-paragraph") ? List.of(SENTENCE.repeat(60)) : Collections.nCopies(8, SENTENCE);
            list.add(new PrintedIssue.Article(headline, "黄江镇", "李四", paragraphs));
        }
        List<String> recipients = new ArrayList<>();
        int count = shape.equals("many-recipients") ? 400 : 3;
        for (int i = 1; i <= count; i++) {
            recipients.add("第" + i + "单位");
        }
        return new PrintedIssue("简报", 2026, 7, "测试", "扫黑办", LocalDate.of(2026, 12, 2), "内部", list,
                List.of("扫黑办"), List.of(), recipients, 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"many", "long-paragraph", "long-headline", "many-recipients"})
    void everyFormatFinishesWithEverythingInIt(String shape) {
        PrintedIssue issue = issue(shape);
        PrintedIssue.Article last = issue.articles().get(issue.articles().size() - 1);
        String lastRecipient = issue.issue().get(issue.issue().size() - 1);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            String docx;
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(new DocxWriter().write(issue)));
                 XWPFWordExtractor ex = new XWPFWordExtractor(doc)) {
                docx = ex.getText();
            }
            assertThat(docx).contains(last.headline(), lastRecipient, "共印100份");

            Path ofd = Files.createTempFile("layout", ".ofd");
            try {
                Files.write(ofd, new OfdWriter().write(issue));
                try (OFDReader reader = new OFDReader(ofd)) {
                    String text = String.join("", new ContentExtractor(reader).extractAll()).replaceAll("\\s+", "");
                    assertThat(text).contains(last.headline(), lastRecipient, "共印100份");
                }
            } finally {
                Files.deleteIfExists(ofd);
            }
        });
        PrintFonts fonts = new PrintFonts(List.of("/usr/share/fonts", "/usr/local/share/fonts"));
        assumeTrue(fonts.available(), "no Chinese TrueType font for the PDF");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PDDocument doc = Loader.loadPDF(new PdfWriter(fonts).write(issue))) {
                String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
                assertThat(text).contains(last.headline(), lastRecipient, "共印100份");
            }
        });
    }
}
