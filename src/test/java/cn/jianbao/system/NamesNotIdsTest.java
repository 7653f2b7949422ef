package cn.jianbao.system;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.assessment.RuleTable;
import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.TestMail;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Names, not ids, in what leaves the pages: notices in the app and by mail, the printed issue
 * (PDF and Word), the ledger and the 通报 as spreadsheets and Word. A login id, a rule key, the code
 * of a status, kind or decision, or a UUID in the text fails it (links are for machines: a mail's
 * address is left out). The pages themselves are walked by {@link LayoutBrowserTest}.
 */
@JianbaoIntegrationTest
class NamesNotIdsTest {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{2,}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired DirectoryAdmin directoryAdmin;
    @Autowired SubmissionService submissions;
    @Autowired Journeys journeys;
    @Autowired Users users;
    @Autowired TaskService tasks;

    @Test
    void noticesMailPrintedFormsAndExportsNamePeopleUnitsAndRules() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String unit = "n" + tag;
        // a name of Chinese characters only, as real ones are (its short name starts the 报送编号)
        String name = tag.chars().mapToObj(c -> String.valueOf("零一二三四五六七八九甲乙丙丁戊己".charAt(Character.digit(c, 16))))
                .collect(java.util.stream.Collectors.joining("", "名称", "镇"));
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit, name, "town", null, true, 900));
        String liaison = unit + "-liaison";
        String leader = unit + "-leader";
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(liaison, "联络员甲", unit, List.of("liaison"), null,
                liaison + "@example.gov.cn", "demo", true));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(leader, "领导乙", unit, List.of("leader"), null,
                leader + "@example.gov.cn", "demo", true));
        for (String who : List.of(liaison, leader)) {
            assertThat(http.withBasicAuth(who, "demo").exchange("/api/me/notification-settings", HttpMethod.PUT,
                    new HttpEntity<>(Map.of("email", true)), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        // the whole path: submitted, returned with a reason, revised, approved, reviewed, adopted, published
        String title = "名称测试：全镇安全生产大检查" + tag;
        UUID item = submissions.submit(users.person(liaison), new SubmissionDraft(title, "dynamic", "public", null,
                "全镇开展安全生产大检查。", null, null, List.of()), null).submission().id();
        // a step's mail not yet sent when the step is decided is withdrawn: read each before deciding
        String leaderMail = mails(leader + "@example.gov.cn");
        String step = tasks.createTaskQuery().processInstanceBusinessKey(item.toString()).singleResult().getId();
        assertThat(http.withBasicAuth(leader, "demo").postForEntity("/api/tasks/" + step + "/decision",
                Map.of("decision", "return", "comment", "请补充检查数据"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        String liaisonMail = mails(liaison + "@example.gov.cn");
        String revise = tasks.createTaskQuery().processInstanceBusinessKey(item.toString()).singleResult().getId();
        assertThat(http.withBasicAuth(liaison, "demo").postForEntity("/api/tasks/" + revise + "/decision",
                Map.of("decision", "resubmitted", "text", "全镇开展安全生产大检查，排查隐患120处。"), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        journeys.complete(item, "leaderApproval", leader, Map.of("decision", "approve"));
        journeys.complete(item, "officeReview", "editor", Map.of("decision", "approve"));
        journeys.complete(item, "adoptionDecision", "signer", Map.of("adoption", "standalone"));
        Issue issue = journeys.publish(journeys.draft("briefing", title, List.of(item), false, Distribution.none()));

        Set<String> codes = forbidden();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String who : List.of(liaison, leader)) {
            JsonNode notices = http.withBasicAuth(who, "demo").getForObject("/api/notifications", JsonNode.class);
            StringBuilder text = new StringBuilder();
            notices.findValues("message").forEach(m -> text.append(m.asText()).append('\n'));
            assertThat(text).as("notices of " + who).isNotEmpty();
            outputs.put("notices in the app, " + who, text.toString());
        }
        outputs.put("mail to the leader", leaderMail);
        outputs.put("mail to the liaison", liaisonMail);
        outputs.put("issue PDF", pdf(download("/api/issues/" + issue.id() + "/document?format=pdf", "editor")));
        outputs.put("issue Word", docx(download("/api/issues/" + issue.id() + "/document?format=docx", "editor")));
        String month = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        outputs.put("ledger spreadsheet", xlsx(download("/api/ledger/export?unit=" + unit + "&period=" + month, "editor")));
        outputs.put("通报 spreadsheet", xlsx(download("/api/reports/monthly?month=" + month + "&format=xlsx", "editor")));
        outputs.put("通报 Word", docx(download("/api/reports/monthly?month=" + month + "&format=docx", "editor")));

        String number = submissions.require(item).number();
        assertThat(leaderMail).contains("待您审批", number);
        assertThat(liaisonMail).contains("退回修改", number);
        assertThat(outputs.get("ledger spreadsheet")).contains("采用积分", "报送编号");
        List<String> problems = new ArrayList<>();
        outputs.forEach((where, text) -> {
            String read = LINK.matcher(text).replaceAll(" ");
            Matcher t = TOKEN.matcher(read);
            Set<String> seen = new HashSet<>();
            while (t.find()) {
                if (codes.contains(t.group()) || codes.contains(t.group().toLowerCase())) {
                    seen.add(t.group());
                }
            }
            Matcher u = UUID_TEXT.matcher(read);
            while (u.find()) {
                seen.add(u.group());
            }
            if (!seen.isEmpty()) {
                problems.add(where + ": " + seen);
            }
        });
        assertThat(problems).isEmpty();
    }

    /** Login ids, rule keys, the codes of statuses, kinds and decisions: what a person must never read. */
    private Set<String> forbidden() {
        Set<String> codes = new HashSet<>(jdbc.sql("select user_id from person").query(String.class).list());
        for (RuleTable t : RuleTable.values()) {
            codes.add(t.key());
        }
        for (SubmissionStatus st : SubmissionStatus.values()) {
            codes.add(st.code());
        }
        for (SubmissionKind k : SubmissionKind.values()) {
            codes.add(k.name().toLowerCase());
        }
        codes.addAll(List.of("standalone", "comprehensive", "approve", "reject", "return", "resubmitted", "public",
                "internal", "restricted", "briefing", "flash", "reversal", "adoption"));
        return codes;
    }

    private byte[] download(String url, String user) {
        ResponseEntity<byte[]> r = http.withBasicAuth(user, "demo").getForEntity(url, byte[].class);
        assertThat(r.getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private String mails(String address) {
        return await("mail to " + address).atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    StringBuilder out = new StringBuilder();
                    for (MimeMessage m : TestMail.server().getReceivedMessages()) {
                        if (m.getAllRecipients()[0].toString().equals(address)) {
                            out.append(m.getSubject()).append('\n').append(m.getContent()).append('\n');
                        }
                    }
                    return out.toString();
                }, out -> !out.isEmpty());
    }

    private static String pdf(byte[] bytes) throws Exception {
        try (var doc = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static String docx(byte[] bytes) throws Exception {
        try (var doc = new XWPFDocument(new ByteArrayInputStream(bytes)); var text = new XWPFWordExtractor(doc)) {
            return text.getText();
        }
    }

    private static String xlsx(byte[] bytes) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        out.append(cell.toString()).append('\t');
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }
}
