package cn.jianbao.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import cn.jianbao.publication.print.PdfGlyphs;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The assessment through its API as the office and the units use it: each event and the ledger
 * entries it makes, the append-only ledger and reversals, who may record and read what, the
 * monthly report checked against the ledger by an independent query, the policy switches, and a
 * rule change checked, previewed and installed.
 */
@JianbaoIntegrationTest
class AssessmentApiTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired RuleBook rules;
    @Autowired cn.jianbao.publication.print.PrintFonts fonts;
    @Autowired cn.jianbao.publication.IssueService issues;

    private final ZoneId beijing = ZoneId.of("Asia/Shanghai");

    private ResponseEntity<JsonNode> send(String user, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String url) {
        return send(user, HttpMethod.GET, url, null);
    }

    private List<Map<String, Object>> entries(UUID submission) {
        return jdbc.sql("select * from ledger_entry where submission_id = ? order by recorded_at").param(submission)
                .query().listOfRows();
    }

    private UUID published(String unit, String title, String adoption) {
        UUID item = journeys.adopted(unit, title, title + "：正文。", adoption, "public");
        journeys.publish(journeys.draft("briefing", title, List.of(item), "comprehensive".equals(adoption),
                Distribution.none()));
        return item;
    }

    private void policy(boolean rankPublicly, boolean showOthersPoints, boolean scoreInstructions) {
        assertThat(send("admin", HttpMethod.PUT, "/api/assessment/settings", Map.of("rankPublicly", rankPublicly,
                "showOthersPoints", showOthersPoints, "scoreInstructions", scoreInstructions)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void publicationCreditsTheUnitsByTheAdoptionTableInForce() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID standalone = published("huangjiang", "积分单独" + tag, "standalone");
        List<Map<String, Object>> e = entries(standalone);
        assertThat(e).hasSize(1);
        assertThat((BigDecimal) e.get(0).get("points")).isEqualByComparingTo("10");
        assertThat((BigDecimal) e.get(0).get("yuan")).isEqualByComparingTo("200");
        assertThat(e.get(0).get("unit_code")).isEqualTo("huangjiang");
        assertThat(e.get(0).get("rule_key")).isEqualTo("adoptionPoints");
        assertThat(e.get(0).get("rule_version")).isEqualTo(rules.versionOn(RuleTable.ADOPTION, LocalDate.now(beijing)));
        assertThat((String) e.get(0).get("explanation")).contains("积分单独" + tag, "单独刊发于简报");

        // a comprehensive issue of two units' items credits each unit in full (the default credit)
        UUID a = journeys.adopted("mayong", "综合甲" + tag, "麻涌镇正文。", "comprehensive", "public");
        UUID b = journeys.adopted("qingxi", "综合乙" + tag, "清溪镇正文。", "comprehensive", "public");
        journeys.publish(journeys.draft("briefing", "综合" + tag, List.of(a, b), true, Distribution.none()));
        assertThat((BigDecimal) entries(a).get(0).get("points")).isEqualByComparingTo("3");
        assertThat((BigDecimal) entries(b).get(0).get("points")).isEqualByComparingTo("3");
        assertThat(entries(b).get(0).get("unit_code")).isEqualTo("qingxi");

        // a unit reads its own ledger, not another's; the office reads all
        ResponseEntity<JsonNode> own = get("huangjiang-liaison", "/api/ledger?size=100");
        assertThat(own.getBody().findValuesAsText("submissionId")).contains(standalone.toString())
                .doesNotContain(a.toString());
        assertThat(own.getHeaders().getFirst("X-Points-Total")).isNotBlank();
        assertThat(get("mayong-liaison", "/api/ledger?unit=huangjiang").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("auditor", "/api/ledger?unit=huangjiang&size=100").getBody().findValuesAsText("submissionId"))
                .contains(standalone.toString());
    }

    @Test
    void eachEventThroughTheApiMakesItsLedgerEntryAndBadInputIsRefused() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = published("police", "批示测试" + tag, "standalone");
        UUID unpublished = journeys.adopted("police", "未刊发" + tag, "正文。", "standalone", "public");
        String today = LocalDate.now(beijing).toString();
        String tomorrow = LocalDate.now(beijing).plusDays(1).toString();
        policy(false, false, true);
        try {
            // 批示
            Map<String, Object> instruction = new HashMap<>(Map.of("leader", "张副市长", "level", "city",
                    "content", "请认真总结经验。", "date", today, "feedbackDue", tomorrow));
            assertThat(send("editor", HttpMethod.POST, "/api/submissions/" + unpublished + "/instructions", instruction)
                    .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(send("police-liaison", HttpMethod.POST, "/api/submissions/" + item + "/instructions", instruction)
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(send("auditor", HttpMethod.POST, "/api/submissions/" + item + "/instructions", instruction)
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            for (String[] bad : new String[][] {{"date", tomorrow}, {"level", "town"}, {"leader", " "}}) {
                Map<String, Object> b = new HashMap<>(instruction);
                b.put(bad[0], bad[1]);
                ResponseEntity<JsonNode> r = send("editor", HttpMethod.POST, "/api/submissions/" + item + "/instructions", b);
                assertThat(r.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(r.getBody().get("detail").asText()).isNotBlank();
            }
            ResponseEntity<JsonNode> made = send("editor", HttpMethod.POST, "/api/submissions/" + item + "/instructions", instruction);
            assertThat(made.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(made.getBody().get("ledger").get(0).get("points").decimalValue()).isEqualByComparingTo("30");
            String instructionId = made.getBody().get("id").asText();
            // the unit sees it on the item and reports the follow-up, once; another unit can do neither
            assertThat(get("police-liaison", "/api/submissions/" + item + "/instructions").getBody().get(0)
                    .get("leader").asText()).isEqualTo("张副市长");
            assertThat(get("huangjiang-liaison", "/api/submissions/" + item + "/instructions").getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(send("huangjiang-liaison", HttpMethod.POST, "/api/instructions/" + instructionId + "/feedback",
                    Map.of("feedback", "x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(send("police-liaison", HttpMethod.POST, "/api/instructions/" + instructionId + "/feedback",
                    Map.of("feedback", "已组织学习，形成长效机制。")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(send("police-leader", HttpMethod.POST, "/api/instructions/" + instructionId + "/feedback",
                    Map.of("feedback", "再报一次")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

            // adoption by a higher level earns points only when adopted
            assertThat(send("editor", HttpMethod.POST, "/api/submissions/" + item + "/forwards", Map.of("level", "province",
                    "outlet", "省委办公厅《每日要情》", "adopted", true, "date", tomorrow)).getStatusCode())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            ResponseEntity<JsonNode> forward = send("signer", HttpMethod.POST, "/api/submissions/" + item + "/forwards",
                    Map.of("level", "province", "outlet", "省委办公厅《每日要情》", "adopted", true, "date", today));
            assertThat(forward.getBody().get("ledger").get(0).get("points").decimalValue()).isEqualByComparingTo("20");
            assertThat(send("editor", HttpMethod.POST, "/api/submissions/" + item + "/forwards", Map.of("level", "city",
                    "outlet", "市委信息", "adopted", false)).getBody().get("ledger")).isEmpty();

            // media use is for news leads
            assertThat(send("editor", HttpMethod.POST, "/api/submissions/" + item + "/media-use", Map.of("outlet",
                    "某日报", "level", "city")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            UUID lead = submissions.submit(users.person("police-liaison"), new SubmissionDraft("线索" + tag, "news_lead",
                    "public", null, "线索正文。", "可供采访。", null, List.of()), null).submission().id();
            assertThat(send("editor", HttpMethod.POST, "/api/submissions/" + lead + "/media-use", Map.of("outlet",
                    "某日报", "level", "city", "url", "javascript:alert(1)")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(send("editor", HttpMethod.POST, "/api/submissions/" + lead + "/media-use", Map.of("outlet",
                    "某日报", "level", "city", "url", "https://example.cn/a")).getBody().get("ledger").get(0)
                    .get("points").decimalValue()).isEqualByComparingTo("2");

            // deductions are the office's
            assertThat(send("police-leader", HttpMethod.POST, "/api/units/police/deductions", Map.of("reason", "late"))
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(send("editor", HttpMethod.POST, "/api/units/police/deductions", Map.of("reason", "lazy"))
                    .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(send("editor", HttpMethod.POST, "/api/units/nowhere/deductions", Map.of("reason", "late"))
                    .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            ResponseEntity<JsonNode> deduction = send("editor", HttpMethod.POST, "/api/units/police/deductions",
                    Map.of("reason", "late", "submissionId", item.toString(), "note", "重大事件未在1小时内报送"));
            JsonNode deducted = deduction.getBody().get("ledger").get(0);
            assertThat(deducted.get("points").decimalValue()).isEqualByComparingTo("-100");

            // corrections are reversing entries; the ledger itself refuses changes
            String entry = deducted.get("id").asText();
            assertThat(send("police-liaison", HttpMethod.POST, "/api/ledger/" + entry + "/reversal", Map.of("reason", "x"))
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(send("editor", HttpMethod.POST, "/api/ledger/" + entry + "/reversal", Map.of("reason", " "))
                    .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(send("editor", HttpMethod.POST, "/api/ledger/" + entry + "/reversal", Map.of("reason", "经核实已按时报送"))
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(send("editor", HttpMethod.POST, "/api/ledger/" + entry + "/reversal", Map.of("reason", "再次"))
                    .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            BigDecimal net = jdbc.sql("select sum(points) from ledger_entry where event_id = ?::uuid")
                    .param(deduction.getBody().get("id").asText()).query(BigDecimal.class).single();
            assertThat(net).isEqualByComparingTo("0");
            assertThatThrownBy(() -> jdbc.sql("update ledger_entry set points = 0 where id = ?::uuid").param(entry).update())
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("delete from ledger_entry where id = ?::uuid").param(entry).update())
                    .hasMessageContaining("append-only");

            // the item's unit total in the ledger: 10 + 30 + 20 + 2 − 100 + 100
            BigDecimal total = jdbc.sql("select sum(points) from ledger_entry where submission_id in (?, ?)")
                    .params(item, lead).query(BigDecimal.class).single();
            assertThat(total).isEqualByComparingTo("62");
        } finally {
            policy(false, false, false);
        }
        // with 批示 not scored, a 批示 is recorded and earns nothing
        ResponseEntity<JsonNode> unscored = send("editor", HttpMethod.POST, "/api/submissions/" + item + "/instructions",
                Map.of("leader", "李书记", "level", "county", "content", "阅。"));
        assertThat(unscored.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(unscored.getBody().get("ledger")).isEmpty();
    }

    @Test
    void theMonthlyReportAgreesWithTheLedgerAndRankingsFollowThePolicy() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        published("huangjiang", "月报甲" + tag, "standalone");
        published("qingxi", "月报乙" + tag, "standalone");
        published("qingxi", "月报丙" + tag, "standalone");
        send("editor", HttpMethod.POST, "/api/units/mayong/deductions", Map.of("reason", "quota_missed"));
        YearMonth month = YearMonth.now(beijing);

        ResponseEntity<byte[]> xlsx = http.withBasicAuth("editor", "demo")
                .getForEntity("/api/reports/monthly?month=" + month + "&format=xlsx", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, BigDecimal> reported = new HashMap<>();
        Map<String, Long> reportedSubmitted = new HashMap<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    if (row.getRowNum() == 0) {
                        continue;
                    }
                    String unit = row.getCell(1).getStringCellValue();
                    reported.put(unit, BigDecimal.valueOf(row.getCell(9).getNumericCellValue()));
                    reportedSubmitted.put(unit, (long) row.getCell(2).getNumericCellValue());
                }
            }
        }
        // the independent query: the ledger's sums and the submissions of the month, by unit name
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        List<Map<String, Object>> expected = jdbc.sql("""
                select u.name,
                  (select coalesce(sum(points), 0) from ledger_entry l where l.unit_code = u.code and l.happened_on between ? and ?) p,
                  (select count(*) from submission s where s.unit_code = u.code
                     and (s.submitted_at at time zone 'Asia/Shanghai')::date between ? and ?) n
                from unit u where u.kind <> 'office' and u.active""").params(from, to, from, to).query().listOfRows();
        assertThat(reported).hasSize(expected.size());
        for (Map<String, Object> e : expected) {
            assertThat(reported.get((String) e.get("name"))).as((String) e.get("name"))
                    .isEqualByComparingTo((BigDecimal) e.get("p"));
            assertThat(reportedSubmitted.get((String) e.get("name"))).as((String) e.get("name"))
                    .isEqualTo(((Number) e.get("n")).longValue());
        }
        assertThat(reported.get("清溪镇")).isGreaterThanOrEqualTo(new BigDecimal("20"));

        ResponseEntity<byte[]> docx = http.withBasicAuth("editor", "demo")
                .getForEntity("/api/reports/monthly?month=" + month, byte[].class);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.getBody()));
             XWPFWordExtractor ex = new XWPFWordExtractor(doc)) {
            String text = ex.getText();
            assertThat(text).contains("关于" + month.getYear() + "年" + month.getMonthValue() + "月信息报送采用情况的通报",
                    "黄江镇", "清溪镇", "公安分局", "一、乡镇（街道）", "二、成员单位");
            // a document to send: the office's red head, its number, tables whose unit column holds a name
            var organ = doc.getParagraphs().get(0).getRuns().get(0);
            assertThat(organ.getText(0)).isEqualTo("扫黑办");
            assertThat(organ.getColor()).isEqualToIgnoringCase("C00000");
            java.util.regex.Matcher number = java.util.regex.Pattern.compile("扫黑办〔(\\d{4})〕(\\d+)号")
                    .matcher(doc.getParagraphs().get(1).getText());
            assertThat(number.matches()).as(doc.getParagraphs().get(1).getText()).isTrue();
            assertThat(Integer.parseInt(String.valueOf(doc.getTables().get(0).getCTTbl().getTblGrid().getGridColArray(1).getW())))
                    .as("the unit column, in twips: 清溪镇 at 12 pt needs 720 and the margins").isGreaterThanOrEqualTo(1200);
            // the same number on every later download of the same period
            ResponseEntity<byte[]> again = http.withBasicAuth("editor", "demo")
                    .getForEntity("/api/reports/monthly?month=" + month, byte[].class);
            try (XWPFDocument second = new XWPFDocument(new ByteArrayInputStream(again.getBody()))) {
                assertThat(second.getParagraphs().get(1).getText()).isEqualTo(number.group());
            }
        }
        Path out = Path.of("target", "monthly-report.docx");
        Files.write(out, docx.getBody());
        if (fonts.available()) {
            // the PDF to send: the same number, the red head on top, a three-character name on one line
            ResponseEntity<byte[]> pdf = http.withBasicAuth("editor", "demo")
                    .getForEntity("/api/reports/monthly?month=" + month + "&format=pdf", byte[].class);
            assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
            try (PDDocument doc = Loader.loadPDF(pdf.getBody())) {
                List<PdfGlyphs.Glyph> glyphs = PdfGlyphs.of(doc);
                String first = PdfGlyphs.page(glyphs, 1);
                String all = String.join("", java.util.stream.IntStream.rangeClosed(1, doc.getNumberOfPages())
                        .mapToObj(p -> PdfGlyphs.page(glyphs, p)).toList());
                assertThat(first.replaceFirst("^—\\d+—", "")).as("the page number aside").startsWith("扫黑办").contains("关于" + month.getYear() + "年" + month.getMonthValue() + "月信息报送采用情况的通报");
                assertThat(all).contains("一、乡镇（街道）", "二、成员单位", "稿酬(元)", "扫黑办" + LocalDate.now(beijing).getYear() + "年");
                java.util.regex.Matcher number = java.util.regex.Pattern.compile("扫黑办〔\\d{4}〕\\d+号").matcher(first);
                assertThat(number.find()).isTrue();
                try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx.getBody()))) {
                    assertThat(number.group()).as("the Word file's number").isEqualTo(word.getParagraphs().get(1).getText());
                }
                List<PdfGlyphs.Glyph> head = glyphs.stream().filter(g -> g.page() == 1 && g.red()).toList();
                assertThat(head).extracting(PdfGlyphs.Glyph::text).containsExactly("扫", "黑", "办");
                assertThat(head).allSatisfy(g -> assertThat(g.y()).isBetween(37.0, 80.0));
                // 清溪镇 in the table: its three characters on one baseline
                for (int i = 0; i + 2 < glyphs.size(); i++) {
                    if (glyphs.get(i).text().equals("清") && glyphs.get(i + 1).text().equals("溪")
                            && glyphs.get(i + 2).text().equals("镇")) {
                        assertThat(glyphs.get(i + 2).y()).as("清溪镇 on one line").isEqualTo(glyphs.get(i).y());
                    }
                }
                Path png = Path.of("target", "print", "monthly-report-1.png");
                Files.createDirectories(png.getParent());
                javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 70), "png",
                        png.toFile());
            }
        }
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo")
                .getForEntity("/api/reports/monthly?month=" + month, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("editor", "/api/rankings?period=2026-13").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // rankings: the office sees every unit with points and ranks (ties share a rank)
        JsonNode office = get("editor", "/api/rankings?period=" + month).getBody();
        JsonNode towns = office.get("towns");
        for (int i = 1; i < towns.size(); i++) {
            BigDecimal before = towns.get(i - 1).get("points").decimalValue();
            BigDecimal here = towns.get(i).get("points").decimalValue();
            assertThat(before).isGreaterThanOrEqualTo(here);
            assertThat(towns.get(i).get("rank").asInt()).isEqualTo(before.compareTo(here) == 0
                    ? towns.get(i - 1).get("rank").asInt() : i + 1);
        }
        // units: by default only their own row; ranked publicly, others without points unless shown
        assertThat(send("editor", HttpMethod.PUT, "/api/assessment/settings", Map.of("rankPublicly", true,
                "showOthersPoints", true, "scoreInstructions", true)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode mine = get("qingxi-liaison", "/api/rankings?period=" + month).getBody();
        assertThat(mine.get("towns").findValuesAsText("unit")).containsExactly("qingxi");
        assertThat(mine.get("members")).isEmpty();
        assertThat(mine.has("points")).isFalse();
        policy(true, false, false);
        try {
            JsonNode ranked = get("qingxi-liaison", "/api/rankings?period=" + month).getBody();
            assertThat(ranked.get("towns").size()).isEqualTo(towns.size());
            for (JsonNode r : ranked.get("towns")) {
                assertThat(r.has("points")).as(r.get("unit").asText()).isEqualTo(r.get("unit").asText().equals("qingxi"));
                assertThat(r.get("rank").asInt()).isPositive();
            }
        } finally {
            policy(false, false, false);
        }
    }

    @Test
    void aRuleChangeIsCheckedPreviewedAndInstalledForLaterDaysOnly() throws Exception {
        String original = Files.readString(Path.of("processes", "adoption-points.dmn"));
        String doubled = original.replace("<text>10</text>", "<text>20</text>");
        int before = rules.versions().size();

        for (String[] bad : new String[][] {
                {"<definitions>not a table", "无法解析"},
                {original.replace("id=\"adoptionPoints\"", "id=\"bonusPoints\""), "不是本系统的规则表"},
                {original.replace("<inputEntry id=\"UnaryTests_comprehensive\"><text>\"comprehensive\"</text>",
                        "<inputEntry id=\"UnaryTests_comprehensive\"><text>\"combined\"</text>"), "comprehensive"}}) {
            ResponseEntity<JsonNode> r = upload("admin", "/api/rules", bad[0], null);
            assertThat(r.getStatusCode()).as(bad[1]).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("detail").asText()).contains(bad[1]);
        }
        assertThat(upload("editor", "/api/rules", doubled, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload("admin", "/api/rules", doubled, LocalDate.now(beijing).minusDays(1).toString()).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rules.versions()).hasSize(before);

        // the preview: every standalone adoption of the month scored 20 instead of 10
        String tag = UUID.randomUUID().toString().substring(0, 6);
        published("propaganda", "规则预览" + tag, "standalone");
        String month = YearMonth.now(beijing).toString();
        ResponseEntity<JsonNode> preview = upload("editor", "/api/rules/preview?period=" + month, doubled, null);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        boolean propagandaChecked = false;
        for (JsonNode unit : preview.getBody().get("units")) {
            // a unit credited a split share this month (another test) also gains its full share back
            if (jdbc.sql("""
                    select count(*) from assessment_event where kind = 'adoption' and share < 1
                    and unit_code = ? and happened_on between ? and ?""").params(unit.get("unit").asText(),
                    YearMonth.now(beijing).atDay(1), YearMonth.now(beijing).atEndOfMonth()).query(Long.class).single() > 0) {
                continue;
            }
            propagandaChecked |= unit.get("unit").asText().equals("propaganda");
            long standalone = jdbc.sql("""
                    select count(*) from assessment_event where kind = 'adoption' and rule_input = 'standalone'
                    and unit_code = ? and happened_on between ? and ?""").params(unit.get("unit").asText(),
                    YearMonth.now(beijing).atDay(1), YearMonth.now(beijing).atEndOfMonth()).query(Long.class).single();
            assertThat(unit.get("change").decimalValue()).as(unit.get("unit").asText())
                    .isEqualByComparingTo(BigDecimal.valueOf(10 * standalone));
        }
        assertThat(propagandaChecked).isTrue();
        assertThat(rules.versions()).hasSize(before); // a preview installs nothing

        // installed for a day to come: today keeps the old version, that day takes the new one
        LocalDate later = LocalDate.of(2099, 1, 1);
        ResponseEntity<JsonNode> installed = upload("admin", "/api/rules", doubled, later.toString());
        assertThat(installed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        int version = installed.getBody().get("version").asInt();
        assertThat(rules.versionOn(RuleTable.ADOPTION, LocalDate.now(beijing))).isLessThan(version);
        assertThat(rules.versionOn(RuleTable.ADOPTION, later)).isEqualTo(version);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", later).value()).isEqualTo(20);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", LocalDate.now(beijing)).value()).isEqualTo(10);
        ResponseEntity<String> xml = http.withBasicAuth("editor", "demo")
                .getForEntity("/api/rules/adoptionPoints/" + version, String.class);
        assertThat(xml.getBody()).contains("<text>20</text>");
    }

    @Test
    void aComprehensiveIssueSplitsThePointsWhenTheTableSaysSo() throws Exception {
        String original = Files.readString(Path.of("processes", "adoption-points.dmn"));
        String split = original.replace("<outputEntry id=\"LiteralExpression_comprehensive_credit\"><text>\"full\"</text>",
                "<outputEntry id=\"LiteralExpression_comprehensive_credit\"><text>\"split\"</text>");
        assertThat(split).isNotEqualTo(original);
        String today = LocalDate.now(beijing).toString();
        assertThat(upload("admin", "/api/rules", split, today).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        try {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            UUID a = journeys.adopted("huangjiang", "均分甲" + tag, "正文。", "comprehensive", "public");
            UUID b = journeys.adopted("mayong", "均分乙" + tag, "正文。", "comprehensive", "public");
            UUID c = journeys.adopted("qingxi", "均分丙" + tag, "正文。", "comprehensive", "public");
            // 甲 and 乙 merged into one article (合报); 丙 stands as its own piece in the same issue
            journeys.publish(issues.create(users.person("editor"), new cn.jianbao.publication.IssueDraft("briefing",
                    "均分" + tag, List.of(a.toString(), b.toString(), c.toString()), null, true, Distribution.none(), 100,
                    null, null, null, Map.of(b.toString(), a.toString()))));
            assertThat((BigDecimal) entries(c).get(0).get("points")).as("not merged: in full").isEqualByComparingTo("3");
            assertThat((BigDecimal) entries(a).get(0).get("points")).isEqualByComparingTo("1.5");
            assertThat((BigDecimal) entries(b).get(0).get("points")).isEqualByComparingTo("1.5");
            assertThat((String) entries(a).get(0).get("explanation")).contains("合报积分按2家单位均分");
        } finally {
            // the same day, a later version wins: the defaults again for every other test
            assertThat(upload("admin", "/api/rules", original, today).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        assertThat(rules.evaluate(RuleTable.ADOPTION, "comprehensive", LocalDate.now(beijing)).outputs().get("credit"))
                .isEqualTo("full");
    }

    private ResponseEntity<JsonNode> upload(String user, String url, String dmn, String effectiveFrom) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(dmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "adoption-points.dmn";
            }
        });
        if (effectiveFrom != null) {
            form.add("effectiveFrom", effectiveFrom);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
    }
}
