package cn.jianbao.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jianbao.publication.print.IssueDocuments;
import cn.jianbao.publication.print.PrintFonts;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The printed issue in DOCX, PDF and OFD, read back by independent readers (POI, PDFBox, ofdrw):
 * every headline, byline, the number, the lists, the 印发 line and print run, the mark of a
 * restricted issue; the file downloaded is the one stored at sign-off; others get the 404.
 */
@JianbaoIntegrationTest
class IssueDocumentsTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired PrintFonts fonts;
    @Autowired IssuePrinting printing;
    @Autowired IssueService issues;
    @Autowired IssueDocuments documents;
    @Autowired cn.jianbao.testing.Users users;
    @Autowired cn.jianbao.testing.TestClock clock;
    @Autowired org.springframework.modulith.events.IncompleteEventPublications incomplete;

    private ResponseEntity<byte[]> download(String user, UUID issue, String format) {
        return http.withBasicAuth(user, "demo").getForEntity("/api/issues/" + issue + "/document?format=" + format,
                byte[].class);
    }

    private Issue publishedRestrictedIssue(String tag) {
        UUID first = journeys.adopted("huangjiang", "黄江镇驻点联系群众" + tag, "黄江镇把扫黑除恶专项斗争与驻点工作相结合。\n"
                + "一是丰富驻点工作内容。\n二是开展宣传教育。", "comprehensive", "internal");
        UUID second = journeys.adopted("police", "公安分局线索核查" + tag, "公安分局核查线索十二条。<b>不是标记</b> & 其他。",
                "comprehensive", "restricted");
        Issue draft = journeys.draft("special", "专报" + tag, List.of(first, second), true,
                new Distribution(List.of("office"), List.of("mayong-leader"), List.of("qingxi", "police")));
        return journeys.publish(draft);
    }

    @Test
    void theThreeFormatsCarryTheWholeIssueAndTheStoredFileIsTheOneDownloaded() throws Exception {
        assumeTrue(fonts.available(), "no Chinese TrueType font (apt-get install fonts-arphic-uming fonts-wqy-zenhei)");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Issue issue = publishedRestrictedIssue(tag);
        String number = issue.year() + "年第" + issue.number() + "期";
        List<String> expected = List.of("专报", number, "扫黑办", "限定范围",
                "黄江镇驻点联系群众" + tag, "公安分局线索核查" + tag, "黄江镇", "公安分局",
                "一是丰富驻点工作内容。", "<b>不是标记</b> & 其他。",
                "报：扫黑办", "送：麻涌镇主管领导", "发：清溪镇，公安分局", "印发", "共印100份");

        String docx = text("docx", download("editor", issue.id(), "docx"), issue);
        String pdf = text("pdf", download("editor", issue.id(), "pdf"), issue);
        String ofd = text("ofd", download("editor", issue.id(), "ofd"), issue);
        // a classified issue's copies are numbered: Word and OFD leave 份号 to fill in, the PDF's copies carry theirs
        assertThat(docx).contains("份号");
        assertThat(ofd).contains("份号");
        for (String s : expected) {
            assertThat(docx).as("docx").contains(s);
            assertThat(squeeze(pdf)).as("pdf").contains(squeeze(s));
            assertThat(squeeze(ofd)).as("ofd").contains(squeeze(s));
        }
        // the headline list stands before the articles when there are several
        assertThat(docx).contains("■黄江镇驻点联系群众" + tag);

        // page 1 as a picture, to be looked at (target/, not the repository)
        byte[] file = download("editor", issue.id(), "pdf").getBody();
        try (PDDocument doc = Loader.loadPDF(file)) {
            Path png = Path.of("target", "issue-page1.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 80), "png", png.toFile());
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
        }
    }

    /** What an independent reader finds in a downloaded file, after checking it is the stored one. */
    private String text(String format, ResponseEntity<byte[]> r, Issue issue) throws Exception {
        assertThat(r.getStatusCode()).as(format).isEqualTo(HttpStatus.OK);
        byte[] body = r.getBody();
        String stored = jdbc.sql("select sha256 from issue_document where issue_id = ? and format = ?")
                .params(issue.id(), format).query(String.class).single();
        assertThat(IssueDocuments.sha256(body)).as(format).isEqualTo(stored);
        assertThat(r.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(stored);
        assertThat(r.getHeaders().getETag()).isEqualTo("\"" + stored + "\"");
        assertThat(r.getHeaders().getContentDisposition().getFilename()).endsWith("." + format).startsWith("专报");
        return switch (format) {
            case "docx" -> {
                try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(body));
                     XWPFWordExtractor ex = new XWPFWordExtractor(doc)) {
                    yield ex.getText();
                }
            }
            case "pdf" -> {
                try (PDDocument doc = Loader.loadPDF(body)) {
                    yield new PDFTextStripper().getText(doc);
                }
            }
            default -> {
                Path f = Files.createTempFile("issue", ".ofd");
                Files.write(f, body);
                try (OFDReader reader = new OFDReader(f)) {
                    yield String.join("\n", new ContentExtractor(reader).extractAll());
                } finally {
                    Files.deleteIfExists(f);
                }
            }
        };
    }

    private static String detail(String problem) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"detail\"\\s*:\\s*\"([^\"]*)\"").matcher(problem);
        return m.find() ? m.group(1) : "";
    }

    /** Layout breaks lines and spaces text; compare the characters. */
    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void theFormsAreMadeAfterTheSignOffWithoutADownloadAndASweepMakesWhatACrashLeftOut() throws Exception {
        Issue issue = publishedRestrictedIssue(UUID.randomUUID().toString().substring(0, 6));
        int formats = fonts.available() ? 3 : 2;
        // nobody downloads: the printer makes them after the commit
        awaitForms(issue.id(), formats);

        // a node died after the sign-off, before its printer ran: the sweep finds the issue and makes them
        jdbc.sql("delete from issue_document where issue_id = ?").param(issue.id()).update();
        printing.sweep();
        awaitForms(issue.id(), formats);
        assertThat(storedHash(issue.id(), "docx")).isNotBlank();

        // two makers at once (the printer and a first download, or two nodes): one file per form, the same for both
        jdbc.sql("delete from issue_document where issue_id = ?").param(issue.id()).update();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> download("editor", issue.id(), "docx"));
            var b = pool.submit(() -> download("editor", issue.id(), "docx"));
            String first = a.get().getHeaders().getFirst("X-Content-SHA256");
            String second = b.get().getHeaders().getFirst("X-Content-SHA256");
            assertThat(first).isEqualTo(second).isEqualTo(storedHash(issue.id(), "docx"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from issue_document where issue_id = ? and format = 'docx'")
                .param(issue.id()).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * A node died after a sign-off committed, before it printed: the sign-off's event waits in Spring
     * Modulith's registry (as the dead node left it), and a node that starts runs it — the forms are made
     * and the publication is done with. Fails when printing is not a registered listener.
     */
    @Test
    void aSignOffLeftUnprintedByANodeThatDiedIsPrintedWhenANodeStarts() {
        Issue issue = publishedRestrictedIssue(UUID.randomUUID().toString().substring(0, 6));
        int formats = fonts.available() ? 3 : 2;
        awaitForms(issue.id(), formats);
        String pending = "select count(*) from event_publication where completion_date is null and serialized_event like ?";
        String like = "%" + issue.id() + "%";
        // the registry keeps a publication only until its listener has run
        org.awaitility.Awaitility.await("the sign-off's publication done with").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jdbc.sql(pending).param(like).query(Long.class).single() == 0);

        jdbc.sql("delete from issue_document where issue_id = ?").param(issue.id()).update();
        jdbc.sql("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)
                values (?, ?, ?, ?, now())""").params(UUID.randomUUID(), IssuePrinting.LISTENER_ID,
                IssuePublished.class.getName(), "{\"issueId\":\"" + issue.id() + "\",\"submissionIds\":[]}").update();
        // what a starting node does (spring.modulith.events.republish-outstanding-events-on-restart)
        incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof IssuePublished e
                && e.issueId().equals(issue.id()));
        awaitForms(issue.id(), formats);
        org.awaitility.Awaitility.await("the resubmitted publication done with").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jdbc.sql(pending).param(like).query(Long.class).single() == 0);
    }

    /**
     * Print = what was signed: the issue's headline printed, an item's own title line not printed twice,
     * and a form made again after a unit was renamed shows the names as they were at the sign-off.
     */
    @Test
    void whatIsPrintedIsWhatWasSigned() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String title = "麻涌镇召开防汛工作会议" + tag;
        // a Word submission's text: its title line first
        UUID item = journeys.adopted("mayong", title, title + "\n麻涌镇近日召开防汛工作会议，部署汛期安全工作。",
                "standalone", "public");
        Issue draft = issues.create(users.person("editor"), new IssueDraft("special", "汛期安全专题" + tag,
                List.of(item.toString()), null, false, new Distribution(List.of("office"), List.of(), List.of("mayong")),
                30, null, "汛期将至，现将麻涌镇的做法印发各地参考。", true));
        Issue issue = journeys.publish(draft);
        String first = text("docx", download("editor", issue.id(), "docx"), issue);
        assertThat(first).contains("汛期安全专题" + tag, "麻涌镇近日召开防汛工作会议", "发：麻涌镇",
                "编者按：汛期将至，现将麻涌镇的做法印发各地参考。", "份号");
        assertThat(first.split(java.util.regex.Pattern.quote(title), -1)).as("the title once").hasSize(2);
        java.util.Map<String, String> hashes = new java.util.TreeMap<>();
        for (String format : fonts.available() ? List.of("docx", "pdf", "ofd") : List.of("docx", "ofd")) {
            hashes.put(format, IssueDocuments.sha256(download("editor", issue.id(), format).getBody()));
        }
        if (fonts.available()) {
            String pdf = squeeze(text("pdf", download("editor", issue.id(), "pdf"), issue));
            assertThat(pdf).contains(squeeze("汛期安全专题" + tag), "编者按：汛期将至");
            assertThat(pdf.split(java.util.regex.Pattern.quote(squeeze(title)), -1)).as("the title once in the PDF").hasSize(2);
            // numbered copies for the office's printer: each first page carries its 份号; not for a recipient
            ResponseEntity<byte[]> copies = http.withBasicAuth("editor", "demo").getForEntity(
                    "/api/issues/" + issue.id() + "/document?format=pdf&copy=2-3", byte[].class);
            assertThat(copies.getStatusCode()).isEqualTo(HttpStatus.OK);
            try (PDDocument doc = Loader.loadPDF(copies.getBody())) {
                String text = squeeze(new PDFTextStripper().getText(doc));
                assertThat(text).contains("000002", "000003").doesNotContain("000001", "000004");
            }
            assertThat(http.withBasicAuth("mayong-liaison", "demo").getForEntity(
                    "/api/issues/" + issue.id() + "/document?format=pdf&copy=2", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            for (String wrong : List.of("0", "31", "3-2", "x", "1-2-3")) {
                assertThat(http.withBasicAuth("editor", "demo").getForEntity(
                        "/api/issues/" + issue.id() + "/document?format=pdf&copy=" + wrong, String.class).getStatusCode())
                        .as("copy=" + wrong).isEqualTo(HttpStatus.BAD_REQUEST);
            }
        }

        // a week later the unit has another name and the forms are made again: the same files, byte for byte
        String name = jdbc.sql("select name from unit where code = 'mayong'").query(String.class).single();
        try {
            jdbc.sql("update unit set name = '麻涌镇人民政府' where code = 'mayong'").update();
            clock.advance(java.time.Duration.ofDays(7));
            jdbc.sql("delete from issue_document where issue_id = ?").param(issue.id()).update();
            String again = text("docx", download("editor", issue.id(), "docx"), issue);
            assertThat(again).isEqualTo(first).doesNotContain("麻涌镇人民政府");
            for (String format : hashes.keySet()) {
                assertThat(IssueDocuments.sha256(download("editor", issue.id(), format).getBody()))
                        .as(format + " made a week later").isEqualTo(hashes.get(format));
            }
        } finally {
            clock.reset();
            jdbc.sql("update unit set name = ? where code = 'mayong'").param(name).update();
        }
    }

    private void awaitForms(UUID issue, int formats) {
        org.awaitility.Awaitility.await("forms stored for " + issue).atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> documents.list(issue).size() >= formats);
        assertThat(documents.list(issue)).as("forms stored for %s", issue).hasSize(formats);
    }

    private String storedHash(UUID issue, String format) {
        return jdbc.sql("select sha256 from issue_document where issue_id = ? and format = ?").params(issue, format)
                .query(String.class).optional().orElse("");
    }

    @Test
    void whoMayNotReadTheIssueGetsTheSame404ForEveryFormat() {
        Issue issue = publishedRestrictedIssue(UUID.randomUUID().toString().substring(0, 6));
        for (String format : List.of("docx", "pdf", "ofd")) {
            // huangjiang may not read the police's restricted item, so not the issue; mayong's liaison is no recipient
            for (String outsider : List.of("huangjiang-liaison", "mayong-liaison")) {
                ResponseEntity<String> r = http.withBasicAuth(outsider, "demo")
                        .getForEntity("/api/issues/" + issue.id() + "/document?format=" + format, String.class);
                ResponseEntity<String> none = http.withBasicAuth(outsider, "demo")
                        .getForEntity("/api/issues/" + UUID.randomUUID() + "/document?format=" + format, String.class);
                assertThat(r.getStatusCode()).as(outsider + " " + format).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(detail(r.getBody())).isEqualTo(detail(none.getBody())).isNotBlank();
                assertThat(r.getBody()).doesNotContain("专报");
            }
            // a unit on the 发 list and the person on the 送 list read it
            assertThat(download("police-liaison", issue.id(), format).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(download("editor", issue.id(), "xls").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        UUID item = journeys.adopted("qingxi", "草稿无印制" + UUID.randomUUID().toString().substring(0, 6), "正文。",
                "standalone", "public");
        Issue draft = journeys.draft("briefing", "草稿", List.of(item), false, Distribution.none());
        assertThat(download("editor", draft.id(), "docx").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(download("qingxi-liaison", draft.id(), "docx").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
