package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.publication.Distribution;
import cn.jianbao.publication.Issue;
import cn.jianbao.publication.IssueService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each role's main journey through our pages in Debian's chromium: a liaison submits with two
 * files and finds the item; an editor composes an issue with a saved distribution list; a signer
 * signs it off in Tasklist; an auditor finds the item and sees its path on the diagram; an
 * outsider gets the Chinese 403 page. Every page runs with the CSRF protection and the CSP on.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "browserAvailable", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class WorkbenchBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired Journeys journeys;
    @Autowired IssueService issues;
    @Autowired Users users;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;
    @Autowired cn.jianbao.intake.SubmissionService submissions;
    @Autowired cn.jianbao.commission.Commissions commissions;
    @TempDir Path profile;
    @TempDir Path files;
    private WebDriver browser;
    private WebDriverWait wait;

    static boolean browserAvailable() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=1366,1000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void login(String user) {
        browser.get(base() + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().equals(base() + "/"));
    }

    private void click(By locator) {
        WebElement e = wait.until(ExpectedConditions.elementToBeClickable(locator));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
    }

    private String body() {
        return browser.findElement(By.tagName("body")).getText();
    }

    @Test
    void aLiaisonSubmitsWithTwoFilesAndFindsTheItem() throws Exception {
        Path main = files.resolve("正文.txt");
        Path annex = files.resolve("典型案例.txt");
        Files.writeString(main, "黄江镇开展入户宣传，网格员走访群众三百余户。", StandardCharsets.UTF_8);
        Files.writeString(annex, "典型案例：某村线索核查情况。", StandardCharsets.UTF_8);
        String title = "浏览器报送" + UUID.randomUUID().toString().substring(0, 6);
        login("huangjiang-liaison");
        browser.get(base() + "/submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=kind]")));
        click(By.id("send")); // nothing filled in: refused beside the fields, nothing sent
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "请填写标题"));
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("files")).sendKeys(main + "\n" + annex);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-list"), "典型案例.txt"));
        click(By.id("send"));
        wait.until(ExpectedConditions.urlContains("/items/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), title));
        assertThat(body()).contains("已报送", "正文.txt", "典型案例.txt", "单位领导审批");
        String id = browser.getCurrentUrl().replaceAll(".*/items/([0-9a-f-]+).*", "$1");
        assertThat(jdbc.sql("select count(*) from document where submission_id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(2);

        browser.get(base() + "/items");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), title));
        click(By.linkText(title));
        wait.until(ExpectedConditions.urlContains(id));
    }

    /**
     * A node dies after storing the item but before its answer reaches the phone (the proxy answers
     * 502, or the connection drops): the page sends it again by itself with the same Idempotency-Key,
     * and the item is there once. The first request really goes to the server; only its answer is lost.
     */
    @Test
    void aSubmissionWhoseAnswerIsLostIsSentAgainAndStoredOnce() {
        String title = "答复丢失" + UUID.randomUUID().toString().substring(0, 6);
        login("huangjiang-liaison");
        browser.get(base() + "/submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=kind]")));
        ((JavascriptExecutor) browser).executeScript("""
                var open = XMLHttpRequest.prototype.open, header = XMLHttpRequest.prototype.setRequestHeader,
                    send = XMLHttpRequest.prototype.send, lost = false;
                // kept where the item's page, opened after the submission, can still read them
                sessionStorage.setItem('sentKeys', '[]');
                XMLHttpRequest.prototype.open = function (m, u) { this.url = u; this.headers = {}; return open.apply(this, arguments); };
                XMLHttpRequest.prototype.setRequestHeader = function (k, v) { this.headers[k] = v; return header.apply(this, arguments); };
                XMLHttpRequest.prototype.send = function (body) {
                  if (this.url === '/api/submissions') {
                    var keys = JSON.parse(sessionStorage.getItem('sentKeys'));
                    keys.push(this.headers['Idempotency-Key']);
                    sessionStorage.setItem('sentKeys', JSON.stringify(keys));
                    if (!lost) {
                      lost = true;
                      var xhr = this;
                      fetch(this.url, { method: 'POST', headers: this.headers, body: body, credentials: 'same-origin' })
                        .then(function () { xhr.dispatchEvent(new ProgressEvent('error')); });
                      return;
                    }
                  }
                  return send.apply(this, arguments);
                };""");
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("text")).sendKeys("网格员走访群众三百余户，收集线索五条。");
        click(By.id("send"));
        wait.until(ExpectedConditions.urlContains("/items/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), title));
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) ((JavascriptExecutor) browser).executeScript("return JSON.parse(sessionStorage.getItem('sentKeys'));");
        assertThat(keys).hasSize(2).doesNotContainNull();
        assertThat(keys.get(1)).as("the same key the second time").isEqualTo(keys.get(0));
        assertThat(jdbc.sql("select count(*) from submission where title = ?").param(title).query(Long.class).single())
                .as("stored once").isEqualTo(1);
    }

    @Test
    void anEditorComposesAnIssueFromAdoptedItemsWithASavedDistributionList() {
        String title = "编排测试" + UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("mayong", title, title + "：麻涌镇的正文。", "standalone", "public");
        login("editor");
        browser.get(base() + "/issues/new");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("candidates"), title));
        click(By.xpath("//ul[@id='candidates']//label[contains(.,'" + title + "')]/input"));
        browser.findElement(By.id("title")).clear();
        browser.findElement(By.id("title")).sendKeys("麻涌镇专刊");
        click(By.xpath("//div[@class='dist-row'][span[text()='发：']]/button"));
        click(By.xpath("//ul[@id='picker-units']//label[contains(.,'黄江镇')]/input"));
        click(By.xpath("//ul[@id='picker-units']//label[contains(.,'清溪镇')]/input"));
        click(By.cssSelector("#picker button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dist"), "清溪镇"));
        String listName = "乡镇" + UUID.randomUUID().toString().substring(0, 4);
        click(By.id("save-list"));
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys(listName);
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved-lists"), listName));

        // the saved list comes back in a new page
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("candidates"), title));
        click(By.xpath("//ul[@id='candidates']//label[contains(.,'" + title + "')]/input"));
        browser.findElement(By.id("title")).clear();
        browser.findElement(By.id("title")).sendKeys("麻涌镇专刊");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("saved-lists"))).selectByVisibleText(listName);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dist"), "黄江镇"));
        // 报 goes to a higher office that is not in the system: by name
        browser.findElement(By.cssSelector("input[data-outside=report]")).sendKeys("市扫黑办\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dist"), "市扫黑办"));
        click(By.id("preview-button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-paper"), "发：黄江镇"));
        assertThat(browser.findElement(By.id("preview-paper")).getText()).contains("报：市扫黑办");
        // the preview is the printed layout with the articles' text
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-paper"), "麻涌镇的正文"));
        click(By.cssSelector("#preview button[type=submit]"));
        // composed in one place and sent to the signer from here, without Tasklist
        click(By.id("send"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("created"), "送签发"));
        Map<String, Object> stored = jdbc.sql("""
                select i.id, i.title, i.distribution::text dist from issue i join issue_item ii on ii.issue_id = i.id
                where ii.submission_id = ?""").param(item).query().singleRow();
        assertThat(stored.get("title")).isEqualTo("麻涌镇专刊");
        assertThat(stored.get("dist").toString()).contains("huangjiang", "qingxi", "市扫黑办");
        assertThat(jdbc.sql("""
                select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                where e.business_key_ = ? and t.task_def_key_ = 'signOff'""").param(stored.get("id").toString())
                .query(Long.class).single()).isEqualTo(1);
    }

    /** 合报 on a phone: two towns' items merged into one piece, shown as one in the preview, stored as merged. */
    @Test
    void anEditorMergesTwoUnitsItemsIntoOnePieceOnAPhone() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID first = journeys.adopted("qingxi", "清溪镇合报" + tag, "清溪镇合报" + tag + "\n清溪镇的一段。", "comprehensive", "public");
        UUID second = journeys.adopted("mayong", "麻涌镇合报" + tag, "麻涌镇的一段。", "comprehensive", "public");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 1000));
        login("editor");
        browser.get(base() + "/issues/new");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("candidates"), "麻涌镇合报" + tag));
        click(By.xpath("//ul[@id='candidates']//label[contains(.,'清溪镇合报" + tag + "')]/input"));
        click(By.xpath("//ul[@id='candidates']//label[contains(.,'麻涌镇合报" + tag + "')]/input"));
        browser.findElement(By.id("title")).clear();
        browser.findElement(By.id("title")).sendKeys("两镇合报" + tag);
        assertThat(browser.findElement(By.id("comprehensive")).isSelected()).isTrue();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#chosen li:nth-child(2) select.merge")))
                .selectByVisibleText("并入第1条《清溪镇合报" + tag + "》（合报）");
        click(By.id("preview-button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-paper"), "麻涌镇的一段。"));
        String paper = browser.findElement(By.id("preview-paper")).getText();
        assertThat(paper).contains("（清溪镇、麻涌镇）", "清溪镇的一段。").doesNotContain("麻涌镇合报" + tag);
        Path shots = Files.createDirectories(Path.of("target", "journeys"));
        Files.write(shots.resolve("merge-preview-390.png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        click(By.cssSelector("#preview button[type=submit]"));
        Files.write(shots.resolve("merge-compose-390.png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        click(By.id("create"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("created"), "保存草稿"));
        assertThat(jdbc.sql("select merged_into from issue_item where submission_id = ?").param(second)
                .query(UUID.class).single()).isEqualTo(first);
        // nothing wider than the phone, and no button pushed off its left edge
        assertThat(browser.findElements(By.cssSelector("#issue .buttons button"))).allSatisfy(b ->
                assertThat(b.getRect().getX()).as(b.getText()).isGreaterThanOrEqualTo(0));
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
    }

    @Test
    void aSignerSignsOffInTasklist() {
        String title = "签发测试" + UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("qingxi", title, title + "：清溪镇的正文。", "standalone", "public");
        Issue draft = journeys.draft("briefing", title, List.of(item), false, Distribution.none());
        journeys.completeIssue(draft.id(), "compileIssue", "editor", Map.of());
        login("signer");
        browser.get(base() + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'待签发')]"))).click();
        click(By.xpath("//li[contains(@class,'task')][.//*[contains(text(),'" + title + "')]]//h4/a"));
        // the step's form (no claim first): the issue's articles, then 签发
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "清溪镇的正文"));
        click(By.xpath("//button[normalize-space()='签发']"));
        click(By.xpath("//button[normalize-space()='提交：签发']"));
        wait.until(d -> issues.find(draft.id()).map(Issue::published).orElse(false));
    }

    @Test
    void anAuditorFindsTheItemAndSeesItsPathOnTheDiagram() throws Exception {
        String title = "审计测试" + UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("police", title, title + "：公安分局的正文。", "comprehensive", "restricted");
        login("auditor");
        browser.get(base() + "/audit");
        browser.findElement(By.name("q")).sendKeys(title);
        click(By.cssSelector("#filters button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), title));
        click(By.linkText(title));
        wait.until(ExpectedConditions.urlContains(item.toString()));
        // the path as people read it first; the engine's diagram one click away
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#progress li.done")));
        assertThat(browser.findElement(By.id("progress")).getText()).contains("单位审批", "公安分局主管领导", "办公室审核",
                "扫黑办编辑", "综合采用");
        assertThat(browser.findElement(By.cssSelector("#progress li.current")).getText()).contains("刊发");
        browser.findElement(By.cssSelector("#diagram-box > summary")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#diagram .djs-element.visited")));
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.visited"))).hasSizeGreaterThan(5);
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.current"))).isNotEmpty();
        // people's steps stand out, the system's (gateways, automatic steps, messages) are greyed
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.system"))).hasSizeGreaterThan(3);
        assertThat(browser.findElements(By.cssSelector("#diagram [data-element-id=leaderApproval].system"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#diagram [data-element-id=determinePoints].system"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#diagram .bjs-powered-by"))).as("bpmn.io's mark, as its licence asks")
                .hasSize(1);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "journeys"));
        var diagram = browser.findElement(By.id("diagram"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", diagram);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "journeys", "item-diagram.png"),
                diagram.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        assertThat(browser.findElement(By.id("trail")).getText()).contains("公安分局主管领导", "扫黑办编辑", "扫黑办签发人",
                "综合采用");
        click(By.linkText("打印审批单"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "信息报送审批单"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("r-steps"), "扫黑办签发人"));
    }

    @Test
    void aRecipientFindsTheIssueInTheInboxAndOpeningItIsTheReceipt() {
        String title = "收件测试" + UUID.randomUUID().toString().substring(0, 6);
        UUID item = journeys.adopted("huangjiang", title, title + "：黄江镇的正文。", "standalone", "internal");
        Issue issue = journeys.publish(journeys.draft("flash", title, List.of(item), false,
                new Distribution(List.of(), List.of(), List.of("qingxi"))));
        login("qingxi-liaison");
        browser.get(base() + "/inbox");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), title));
        assertThat(browser.findElement(By.xpath("//tr[td[contains(.,'" + title + "')]]")).getText()).contains("未读", "发：清溪镇");
        assertThat(browser.findElement(By.cssSelector("#shell .count")).getText()).isNotBlank();
        click(By.xpath("//tr[td[contains(.,'" + title + "')]]//a"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paper"), title + "：黄江镇的正文。"));
        assertThat(browser.findElement(By.id("dl-pdf")).getAttribute("href")).endsWith("/document?format=pdf");
        wait.until(d -> jdbc.sql("select read_by from issue_recipient where issue_id = ? and code = 'qingxi'")
                .param(issue.id()).query(String.class).optional().isPresent());
        browser.get(base() + "/inbox");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "已签收"));
    }

    @Test
    void anEditorRecordsADeductionAndFindsItInTheLedgerWithTheChart() {
        String note = "浏览器扣分" + UUID.randomUUID().toString().substring(0, 6);
        login("editor");
        browser.get(base() + "/assessment");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("towns"), "黄江镇"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#d-unit option[value=propaganda]")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("d-unit"))).selectByValue("propaganda");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("d-reason"))).selectByValue("untrue");
        browser.findElement(By.id("d-note")).sendKeys(note);
        click(By.cssSelector("#deduct-form button[type=submit]"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ledger"), note));
        assertThat(browser.findElement(By.xpath("//tbody[@id='ledger']/tr[td[contains(.,'" + note + "')]]")).getText())
                .contains("宣传部", "扣分", "-50", "扣分 第").doesNotContain("deductionPoints");
        assertThat(jdbc.sql("select points from ledger_entry where explanation like ?").param("%" + note + "%")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("-50");
        assertThat(browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("dl-docx")).getAttribute("href")).contains("/api/reports/monthly?period=");
    }

    @Test
    void aLiaisonFollowsTheBellToTheReturnedItem() {
        String title = "铃铛测试" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = submissions.submit(users.person("mayong-liaison"), new cn.jianbao.intake.SubmissionDraft(title, "dynamic",
                "public", null, "正文。", null, null, List.of()), null).submission().id();
        journeys.complete(id, "leaderApproval", "mayong-leader", java.util.Map.of("decision", "return", "comment", "请补充"));
        login("mayong-liaison");
        browser.get(base() + "/items");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#shell .bell .count")));
        click(By.cssSelector("#shell .bell-button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#shell .bell-panel"), title));
        click(By.xpath("//a[contains(@class,'bell-item')][contains(.,'" + title + "')]"));
        // the return is the liaison's step: the notice opens it, with the leader's reason
        String revise = tasks.createTaskQuery().processInstanceBusinessKey(id.toString()).singleResult().getId();
        wait.until(ExpectedConditions.urlContains("/tasks/" + revise));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "修改后重新报送"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("请补充", title);
        assertThat(jdbc.sql("select read_at is not null from notification where recipient = 'mayong-liaison' and submission_id = ?")
                .param(id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void anEditorRemindsTheUnitsBehindFromTheDashboard() {
        login("editor");
        browser.get(base() + "/dashboard");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grid"), "黄江镇"));
        assertThat(browser.findElements(By.cssSelector("#trend canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#grid tbody a")).getAttribute("href")).contains("/items?unit=");
        long before = jdbc.sql("select count(*) from quota_reminder").query(Long.class).single();
        click(By.id("remind"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("remind-msg"), "已发出催报"));
        long after = jdbc.sql("select count(*) from quota_reminder").query(Long.class).single();
        if (after > before) { // some unit was behind: the record shows it
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reminders"), "信息联络员"));
        }
    }

    @Test
    void aLiaisonAnswersACommissionFromItsPage() {
        String title = "浏览器约稿" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = commissions.create(users.person("editor"), new cn.jianbao.commission.Commissions.Draft(title, "请报送。",
                List.of("dynamic"), java.time.OffsetDateTime.now().plusDays(2), List.of("qingxi")));
        login("qingxi-liaison");
        browser.get(base() + "/commissions");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), title));
        click(By.linkText(title));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("d-units"), "已读未答复"));
        click(By.linkText("报送答复"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("commission"), title));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name=kind][value=dynamic]")));
        click(By.cssSelector("input[name=kind][value=dynamic]"));
        browser.findElement(By.id("text")).sendKeys("清溪镇答复约稿的正文。");
        click(By.id("send"));
        wait.until(ExpectedConditions.urlContains("/items/"));
        assertThat(jdbc.sql("select status from commission_unit where commission_id = ? and unit_code = 'qingxi'")
                .param(id).query(String.class).single()).isEqualTo("answered");
    }

    @Test
    void anOutsiderGetsTheChinese403WithAWayBack() {
        login("huangjiang-liaison");
        for (String page : List.of("/audit", "/issues/new", "/admin/directory")) {
            browser.get(base() + page);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "无权访问"));
            assertThat(browser.findElement(By.linkText("返回首页")).getAttribute("href")).isEqualTo(base() + "/");
            assertThat(body()).doesNotContain("Whitelabel", "Forbidden");
        }
        browser.get(base() + "/items/" + UUID.randomUUID());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "不存在，或您无权查看"));
        browser.get(base() + "/no-such-page");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "页面不存在"));
    }
}
