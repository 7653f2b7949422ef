package cn.jianbao.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.Step;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.Users;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The people who decide, on a phone (390×844 in Debian's chromium): a leader opens the link of the
 * 待办 notice, reads the item and approves in three taps from the notice, sees the confirmation and
 * the next step; a signer decides adoption the same way; a liaison gets the return and resubmits
 * from the phone. Taps and seconds from opening the notice to the decision are printed (for the
 * note), and screenshots are kept in target/journeys/.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "browserAvailable", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class PhoneJourneysTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "journeys");

    @LocalServerPort int port;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired Journeys journeys;
    @Autowired TaskService tasks;
    @Autowired JdbcClient jdbc;
    @TempDir Path profile;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private int taps;

    static boolean browserAvailable() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void openPhone() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile "
                        + "Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void closePhone() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void login(String user) {
        browser.manage().deleteAllCookies();
        browser.get(base() + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shell")));
    }

    /** A finger's tap on a visible element (scrolled into view as a finger would). */
    private void tap(By locator) {
        var e = wait.until(ExpectedConditions.elementToBeClickable(locator));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
        taps++;
    }

    private void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The link of the person's 待办 notice about this item, as the push would carry it. */
    private String noticeLink(String user, UUID item) {
        return jdbc.sql("select link from notification where recipient = ? and submission_id = ? and done_at is null "
                + "order by created_at desc limit 1").params(user, item).query(String.class).single();
    }

    private UUID submit(String unit, String title) {
        return submissions.submit(users.person(unit + "-liaison"), new SubmissionDraft(title, "dynamic", "internal", null,
                title + "：镇里组织网格员入户走访，广泛收集线索，群众反映的问题逐件核查、限时反馈。", null, null, List.of()), null)
                .submission().id();
    }

    private List<Step> steps(UUID item) {
        return submissions.steps(users.person("admin"), item);
    }

    @Test
    void aLeaderApprovesFromTheNoticeInThreeTapsAndSeesTheNextStep() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID first = submit("huangjiang", "手机审批甲" + tag);
        UUID second = submit("huangjiang", "手机审批乙" + tag);
        login("huangjiang-leader");
        String link = noticeLink("huangjiang-leader", first);
        assertThat(link).startsWith("/tasks/");

        taps = 1; // opening the notice
        long started = System.nanoTime();
        browser.get(base() + link);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "手机审批甲" + tag));
        shot("leader-step-390");
        assertNoSidewaysScroll();
        tap(By.xpath("//button[normalize-space()='同意报送']"));
        tap(By.xpath("//button[normalize-space()='提交：同意报送']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "已提交"));
        double seconds = (System.nanoTime() - started) / 1e9;
        shot("leader-done-390");
        assertThat(taps).isLessThanOrEqualTo(3);
        assertThat(steps(first)).extracting(Step::decision).containsExactly("submitted", "approve");
        // the next step is offered at once (the oldest the leader has: this test's second item, or an earlier one)
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("下一项");
        System.out.printf("journey leader approval on a phone: %d taps from the notice, %.1f s to the confirmation%n",
                taps, seconds);
        tap(By.partialLinkText("下一项"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "您的决定"));
        assertThat(browser.getCurrentUrl()).contains("/tasks/");
        assertThat(steps(second)).extracting(Step::decision).containsExactly("submitted");
    }

    @Test
    void aSignerDecidesAdoptionFromTheNotice() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID item = submit("mayong", "手机采用" + tag);
        journeys.complete(item, "leaderApproval", "mayong-leader", Map.of("decision", "approve"));
        journeys.complete(item, "officeReview", "editor", Map.of("decision", "approve"));
        login("signer");
        taps = 1;
        long started = System.nanoTime();
        browser.get(base() + noticeLink("signer", item));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "手机采用" + tag));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("单独刊发（计10分）", "综合采用（计3分）");
        shot("signer-step-390");
        tap(By.xpath("//button[starts-with(normalize-space(),'综合采用')]"));
        tap(By.xpath("//button[starts-with(normalize-space(),'提交：综合采用')]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "已提交"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(taps).isLessThanOrEqualTo(3);
        assertThat(steps(item)).extracting(Step::decision).endsWith("comprehensive");
        System.out.printf("journey adoption on a phone: %d taps from the notice, %.1f s to the confirmation%n", taps, seconds);
    }

    @Test
    void aLiaisonGetsTheReturnAndResubmitsFromThePhone() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID item = submit("qingxi", "手机退回" + tag);
        journeys.complete(item, "leaderApproval", "qingxi-leader", Map.of("decision", "return",
                "comment", "请补充走访户数"));
        login("qingxi-liaison");
        taps = 1;
        long started = System.nanoTime();
        browser.get(base() + noticeLink("qingxi-liaison", item));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "请补充走访户数"));
        shot("liaison-revise-390");
        var text = browser.findElement(By.cssSelector("textarea.jbs-text"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", text);
        text.sendKeys("\n本月共走访农户326户。");
        taps++;
        tap(By.cssSelector("button.jbs-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "已提交"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(submissions.require(item).body()).contains("本月共走访农户326户");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(item.toString()).singleResult()
                .getTaskDefinitionKey()).isEqualTo("leaderApproval");
        System.out.printf("journey resubmission on a phone: %d taps (one of them typing) from the notice, %.1f s%n",
                taps, seconds);
    }

    /** Nothing on the page is wider than the phone. */
    private void assertNoSidewaysScroll() {
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).isLessThanOrEqualTo(0L);
    }
}
