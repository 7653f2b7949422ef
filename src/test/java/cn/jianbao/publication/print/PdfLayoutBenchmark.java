package cn.jianbao.publication.print;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What placing the 版记 costs: process CPU per PDF of the two-pass layout (measure, then render)
 * beside one pass (the 版记 right after the text), warm, alternating, for a one-article and a
 * fifteen-article issue. <pre>./mvnw verify -Pbenchmark -Dtest=PdfLayoutBenchmark</pre>
 */
@Tag("benchmark")
class PdfLayoutBenchmark {

    private static final String SENTENCE = "镇里把扫黑除恶专项斗争与领导干部驻点联系群众工作相结合，通过深入群众提升宣传和线索摸排力度。";

    @Test
    void twoPassesBesideOne() throws Exception {
        PrintFonts fonts = new PrintFonts(List.of("/usr/share/fonts", "/usr/local/share/fonts"));
        assumeThat(fonts.available()).as("a Chinese TrueType font").isTrue();
        PdfWriter writer = new PdfWriter(fonts);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int articles : new int[] {1, 15}) {
            List<PrintedIssue.Article> list = new ArrayList<>();
            for (int i = 1; i <= articles; i++) {
                list.add(new PrintedIssue.Article("第" + i + "条信息", "清溪镇", "李四", Collections.nCopies(4, SENTENCE)));
            }
            PrintedIssue issue = new PrintedIssue("简报", 2026, 1, "本期", "扫黑办", LocalDate.of(2026, 12, 1), null, list,
                    List.of("市扫黑办"), List.of(), List.of("清溪镇"), 30);
            String onePass = XhtmlLayout.of(issue, XhtmlLayout.Foot.NATURAL);
            for (int i = 0; i < 30; i++) { // warm-up
                writer.write(issue);
                writer.render(onePass, "t", "a", PdfWriter.date(issue.date()));
            }
            int runs = 40;
            long two = 0;
            long one = 0;
            for (int i = 0; i < runs; i++) {
                long a = os.getProcessCpuTime();
                writer.write(issue);
                long b = os.getProcessCpuTime();
                writer.render(onePass, "t", "a", PdfWriter.date(issue.date()));
                long c = os.getProcessCpuTime();
                two += b - a;
                one += c - b;
            }
            System.out.printf(Locale.ROOT, "PDF of %2d article(s): two passes %.1f ms CPU, one pass %.1f ms CPU (x%.2f)%n",
                    articles, two / 1e6 / runs, one / 1e6 / runs, (double) two / one);
            // the XHTML alone (made twice per PDF: to measure, then to render)
            long x = os.getProcessCpuTime();
            for (int i = 0; i < 500; i++) {
                XhtmlLayout.of(issue, XhtmlLayout.Foot.NATURAL);
            }
            System.out.printf(Locale.ROOT, "XHTML of %2d article(s): %.3f ms CPU%n", articles,
                    (os.getProcessCpuTime() - x) / 1e6 / 500);
        }
    }
}
