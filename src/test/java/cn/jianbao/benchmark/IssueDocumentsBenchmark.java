package cn.jianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.publication.IssueService;
import cn.jianbao.publication.print.DocumentFormat;
import cn.jianbao.publication.print.IssueDocuments;
import cn.jianbao.publication.print.PrintedIssue;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Time to make each printed form of a 20-item issue (about 600 characters each): once more
 * after the sign-off made them ("first", still warming up) and the median of 5 more. Prints the figures and writes
 * them to target/issue-documents-report.txt.
 * <pre>./mvnw verify -Pbenchmark -Dtest=IssueDocumentsBenchmark</pre>
 */
@Tag("benchmark")
@JianbaoIntegrationTest
class IssueDocumentsBenchmark {

    @Autowired Journeys journeys;
    @Autowired IssueService issues;
    @Autowired IssueDocuments documents;
    @Autowired JdbcClient jdbc;

    @Test
    void makesTheThreeFormsOfATwentyItemIssue() throws Exception {
        String[] units = {"huangjiang", "mayong", "qingxi", "police", "propaganda"};
        String paragraph = "镇里把扫黑除恶专项斗争与领导干部驻点联系群众工作相结合，通过深入群众提升宣传和线索摸排力度，"
                + "逐步形成群众积极参与的良好氛围。";
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String text = String.join("\n", java.util.Collections.nCopies(10, paragraph));
            items.add(journeys.adopted(units[i % units.length], "基准信息" + i + "号" + UUID.randomUUID().toString().substring(0, 4),
                    text, "comprehensive", "internal"));
        }
        Issue issue = journeys.publish(journeys.draft("briefing", "二十条信息", items, true,
                new Distribution(List.of("office"), List.of(), List.of(units))));
        // the sign-off's printer makes them in the background: let it finish before timing our own runs
        int expected = documents.pdfAvailable() ? 3 : 2;
        for (long deadline = System.nanoTime() + 120_000_000_000L; documents.list(issue.id()).size() < expected
                && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
        }
        Map<DocumentFormat, Long> cold = new EnumMap<>(DocumentFormat.class);
        for (Map<String, Object> d : documents.list(issue.id())) {
            cold.put(DocumentFormat.of((String) d.get("format")).orElseThrow(), 0L);
        }
        PrintedIssue printed = issues.printed(issue);
        Map<DocumentFormat, List<Long>> warm = new EnumMap<>(DocumentFormat.class);
        for (int run = 0; run < 6; run++) {
            jdbc.sql("delete from issue_document where issue_id = ?").param(issue.id()).update();
            Map<DocumentFormat, Long> ms = documents.storeMissing(issue.id(), printed);
            if (run == 0) {
                cold.putAll(ms);
                continue;
            }
            ms.forEach((f, t) -> warm.computeIfAbsent(f, k -> new ArrayList<>()).add(t));
        }
        StringBuilder report = new StringBuilder("printed forms of a 20-item issue (ms)\n");
        for (DocumentFormat f : DocumentFormat.values()) {
            List<Long> times = warm.getOrDefault(f, List.of()).stream().sorted().toList();
            long size = documents.find(issue.id(), f).map(d -> (long) d.content().length).orElse(0L);
            report.append(String.format(Locale.ROOT, "%-5s first %5d ms   median of %d %5d ms   %7d bytes%n", f.code(),
                    cold.getOrDefault(f, -1L), times.size(), times.isEmpty() ? -1 : times.get(times.size() / 2), size));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "issue-documents-report.txt"), report);
        assertThat(warm.get(DocumentFormat.DOCX)).hasSize(5);
    }
}
