package cn.jianbao.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The office changes a rule on a grid in Chinese, never a DMN file: 单独刊发 10 分 → 8 分 from next month,
 * previewed on this month, installed with its reason; this month keeps scoring 10 and the next month
 * scores 8. Only literals of the column's kind are taken; only administrators install.
 */
@JianbaoIntegrationTest
class RuleGridTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;
    @Autowired cn.jianbao.testing.TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired RuleBook rules;
    @Autowired cn.jianbao.testing.Users users;
    @LocalServerPort int port;
    @TempDir Path profile;
    private final List<LocalDate> changedFrom = new ArrayList<>();

    @AfterEach
    void restoreTheDefaults() throws Exception {
        // a later version the same day wins: the defaults again from that day, for every other test
        byte[] defaults = Files.readAllBytes(Path.of("processes", "adoption-points.dmn"));
        for (LocalDate day : changedFrom) {
            rules.install(rules.check(defaults), day, users.person("admin"), "测试后恢复");
        }
    }

    private ResponseEntity<JsonNode> send(String user, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static LocalDate nextMonth() {
        return YearMonth.now(BEIJING).plusMonths(1).atDay(1);
    }

    private String rowId(JsonNode grid, String label) {
        for (JsonNode row : grid.get("rows")) {
            if (row.get("label").asText().equals(label)) {
                return row.get("id").asText();
            }
        }
        throw new AssertionError("no row " + label + " in " + grid);
    }

    @Test
    void theRuleBookItselfTakesANewVersionFromAnAdministratorOnly() throws Exception {
        // whoever calls it (a page, a job, a future door): the write asks, not only the API in front of it
        RuleBook.Candidate same = rules.check(Files.readAllBytes(Path.of("processes", "adoption-points.dmn")));
        int before = rules.versions().size();
        for (String user : List.of("editor", "signer", "auditor", "qingxi-liaison")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> rules.install(same, LocalDate.now(BEIJING).plusDays(1),
                    users.person(user), "试图更改")).as(user).isInstanceOf(cn.jianbao.access.WritePolicy.Refused.class)
                    .hasMessage("只有系统管理员可以更改计分规则。");
        }
        assertThat(rules.versions()).hasSize(before);
    }

    @Test
    void theOfficeChangesAdoptionPointsOnTheGridFromNextMonth() {
        JsonNode grid = send("editor", HttpMethod.GET, "/api/rules/adoptionPoints/grid", null).getBody();
        assertThat(grid.get("label").asText()).isEqualTo("采用积分");
        assertThat(grid.get("rows")).extracting(r -> r.get("label").asText()).containsExactly("单独刊发", "综合采用");
        assertThat(grid.get("columns")).extracting(c -> c.get("label").asText()).containsExactly("积分", "合报计分");
        assertThat(grid.get("columns").get(1).get("options")).extracting(o -> o.get("label").asText())
                .containsExactly("每家单位全额计分", "参与单位均分");
        String standalone = rowId(grid, "单独刊发");
        assertThat(grid.get("rows").get(0).get("values").get("points").decimalValue()).isEqualByComparingTo("10");
        int version = grid.get("version").asInt();
        int latest = grid.get("latest").asInt();
        // the names of the other tables' rows are Chinese too, not the codes the process uses
        JsonNode quotas = send("editor", HttpMethod.GET, "/api/rules/quotas/grid", null).getBody();
        assertThat(quotas.get("rows")).extracting(r -> r.get("label").asText())
                .contains("乡镇街道 · 简报信息", "成员单位 · 宣传报道线索");
        assertThat(quotas.toString()).doesNotContain("town|", "\"label\":\"town");

        // who may: a unit's people see nothing; the auditor reads but neither tries nor installs
        assertThat(send("huangjiang-liaison", HttpMethod.GET, "/api/rules/adoptionPoints/grid", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> eight = Map.of("version", version, "rows", Map.of(standalone, Map.of("points", "8")),
                "period", YearMonth.now(BEIJING).toString());
        assertThat(send("auditor", HttpMethod.POST, "/api/rules/adoptionPoints/grid/preview", eight).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        // the preview on this month: every standalone adoption 2 points less, nothing installed
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("propaganda", "规则表格" + tag, "正文。", "standalone", "public");
        journeys.publish(journeys.draft("briefing", "规则表格" + tag, List.of(item), false, Distribution.none()));
        int versionsBefore = rules.versions().size();
        ResponseEntity<JsonNode> preview = send("editor", HttpMethod.POST, "/api/rules/adoptionPoints/grid/preview", eight);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
        YearMonth month = YearMonth.now(BEIJING);
        boolean propagandaChecked = false;
        for (JsonNode unit : preview.getBody().get("units")) {
            long shared = jdbc.sql("""
                    select count(*) from assessment_event where kind = 'adoption' and share < 1
                    and unit_code = ? and happened_on between ? and ?""").params(unit.get("unit").asText(),
                    month.atDay(1), month.atEndOfMonth()).query(Long.class).single();
            if (shared > 0) {
                continue;
            }
            long standaloneCount = jdbc.sql("""
                    select count(*) from assessment_event where kind = 'adoption' and rule_input = 'standalone'
                    and unit_code = ? and happened_on between ? and ?""").params(unit.get("unit").asText(),
                    month.atDay(1), month.atEndOfMonth()).query(Long.class).single();
            propagandaChecked |= unit.get("unit").asText().equals("propaganda");
            assertThat(unit.get("change").decimalValue()).as(unit.get("unit").asText())
                    .isEqualByComparingTo(BigDecimal.valueOf(-2 * standaloneCount));
        }
        assertThat(propagandaChecked).isTrue();
        assertThat(rules.versions()).hasSize(versionsBefore);

        // only literals of the column's kind; no reason, no install; an editor does not install
        String from = nextMonth().toString();
        for (Object bad : new Object[] {"10 + 1", "\"8\"", "x", "1e308", "date(\"2026-01-01\")", "8.123"}) {
            ResponseEntity<JsonNode> r = send("admin", HttpMethod.POST, "/api/rules/adoptionPoints/grid", Map.of(
                    "version", version, "rows", Map.of(standalone, Map.of("points", bad)), "effectiveFrom", from,
                    "note", "测试"));
            assertThat(r.getStatusCode()).as(String.valueOf(bad)).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("detail").asText()).as(String.valueOf(bad)).contains("单独刊发的积分");
        }
        ResponseEntity<JsonNode> badChoice = send("admin", HttpMethod.POST, "/api/rules/adoptionPoints/grid", Map.of(
                "version", version, "rows", Map.of(standalone, Map.of("credit", "\" or true or \"")),
                "effectiveFrom", from, "note", "测试"));
        assertThat(badChoice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badChoice.getBody().get("detail").asText()).contains("每家单位全额计分");
        assertThat(send("admin", HttpMethod.POST, "/api/rules/adoptionPoints/grid", Map.of("version", version,
                "rows", Map.of(standalone, Map.of("points", "8")), "effectiveFrom", from)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(send("editor", HttpMethod.POST, "/api/rules/adoptionPoints/grid", Map.of("version", version,
                "rows", Map.of(standalone, Map.of("points", "8")), "effectiveFrom", from, "note", "测试")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rules.versions()).hasSize(versionsBefore);

        // installed from next month, with its reason
        ResponseEntity<JsonNode> installed = send("admin", HttpMethod.POST, "/api/rules/adoptionPoints/grid", Map.of(
                "version", version, "latest", latest, "rows", Map.of(standalone, Map.of("points", "8")), "effectiveFrom", from,
                "note", "依据新考核办法，单独刊发改为8分"));
        assertThat(installed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        changedFrom.add(nextMonth());
        int newVersion = installed.getBody().get("version").asInt();
        assertThat(newVersion).isGreaterThan(version);
        // the same start again: someone installed meanwhile, so it is refused rather than overwritten
        assertThat(send("admin", HttpMethod.POST, "/api/rules/adoptionPoints/grid", Map.of("version", version,
                "latest", latest, "rows", Map.of(standalone, Map.of("points", "9")), "effectiveFrom", from, "note", "重复")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        // this month keeps 10 (the item above scored by the old version); next month scores 8
        LocalDate today = LocalDate.now(BEIJING);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", today).value()).isEqualTo(10);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", nextMonth()).value()).isEqualTo(8);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", nextMonth()).version()).isEqualTo(newVersion);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "comprehensive", nextMonth()).value()).isEqualTo(3);
        Map<String, Object> ledger = jdbc.sql("select points, rule_version from ledger_entry where submission_id = ?")
                .param(item).query().singleRow();
        assertThat((BigDecimal) ledger.get("points")).isEqualByComparingTo("10");
        assertThat((Integer) ledger.get("rule_version")).isLessThan(newVersion);
        // an adoption published next month is scored by the new version: the clock moved to the 2nd, 10:00
        UUID later = journeys.adopted("propaganda", "下月刊发" + tag, "正文。", "standalone", "public");
        clock.advance(Duration.between(java.time.Instant.now(),
                nextMonth().plusDays(1).atTime(10, 0).atZone(BEIJING).toInstant()));
        try {
            journeys.publish(journeys.draft("briefing", "下月刊发" + tag, List.of(later), false, Distribution.none()));
        } finally {
            clock.reset();
        }
        Map<String, Object> nextLedger = jdbc.sql("""
                select points, rule_version, happened_on from ledger_entry where submission_id = ?""")
                .param(later).query().singleRow();
        assertThat((BigDecimal) nextLedger.get("points")).isEqualByComparingTo("8");
        assertThat((Integer) nextLedger.get("rule_version")).isEqualTo(newVersion);
        assertThat(((java.sql.Date) nextLedger.get("happened_on")).toLocalDate()).isEqualTo(nextMonth().plusDays(1));
        // the new version lists who made it, by name, and why
        JsonNode listed = null;
        for (JsonNode v : send("auditor", HttpMethod.GET, "/api/rules", null).getBody()) {
            if (v.get("key").asText().equals("adoptionPoints") && v.get("version").asInt() == newVersion) {
                listed = v;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("recordedByName").asText()).isNotEqualTo("admin").isNotBlank();
        assertThat(listed.get("note").asText()).isEqualTo("依据新考核办法，单独刊发改为8分");
        String xml = http.withBasicAuth("editor", "demo").getForObject("/api/rules/adoptionPoints/" + newVersion,
                String.class);
        assertThat(xml).contains("<text>8</text>").contains("<text>3</text>").contains("\"full\"");
    }

    @Test
    void anAdministratorChangesTheRuleInTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs chromium and chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            String base = "http://localhost:" + port;
            browser.get(base + "/login");
            browser.findElement(By.name("username")).sendKeys("admin");
            browser.findElement(By.name("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            // signed in before the next page is asked for: the click only starts the login's POST
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
            browser.get(base + "/admin/rules");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("g-rows"), "单独刊发"));
            WebElement points = browser.findElement(By.cssSelector("#g-rows input[aria-label='单独刊发 积分']"));
            assertThat(points.getAttribute("value")).isEqualTo("10");
            points.clear();
            points.sendKeys("8");
            browser.findElement(By.id("g-period")).sendKeys(YearMonth.now(BEIJING).toString());
            browser.findElement(By.id("g-preview")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("g-preview-title"), "各单位积分的变化"));
            assertThat(browser.findElement(By.id("g-from")).getAttribute("value")).isEqualTo(nextMonth().toString());
            browser.findElement(By.id("g-note")).sendKeys("依据新考核办法，单独刊发改为8分");
            Files.createDirectories(Path.of("target", "journeys"));
            Files.write(Path.of("target", "journeys", "rules-grid-1366.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.id("g-install")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            changedFrom.add(nextMonth());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grid-done"), "已启用"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("versions"), "依据新考核办法"));
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("adoptionPoints");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            Files.write(Path.of("target", "journeys", "rules-grid-390.png"), browser.getScreenshotAs(OutputType.BYTES));
            Object overflow = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            assertThat(overflow).as("the page fits 390 px").isEqualTo(false);
        } finally {
            browser.quit();
        }
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", nextMonth()).value()).isEqualTo(8);
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", LocalDate.now(BEIJING)).value()).isEqualTo(10);
    }
}
