package cn.jianbao.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.intake.Step;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a unit leader clicks in Camunda Tasklist: log in, open 待我审批, read the item in the step's
 * form (the same component as /tasks/{id}, no claim first), try to return it without a reason
 * (refused in the form), approve it. Runs where
 * Debian's chromium and chromium-driver are installed (.ci/run installs them); skipped elsewhere.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "browserAvailable", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class TasklistBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired org.camunda.bpm.engine.TaskService tasks;
    @TempDir Path profile;
    private ChromeDriver browser;

    static boolean browserAvailable() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // a browser far from Beijing: times must still read in the office's zone
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Tasklist's fixed footer may cover the lower part of a form: bring the element to the middle first. */
    private void click(By locator) {
        var element = browser.findElement(locator);
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    @Test
    void aLeaderReadsTheItemInChineseAndApprovesIt() {
        String title = "浏览器测试" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = submissions.submit(users.person("huangjiang-liaison"), new SubmissionDraft(title, "dynamic",
                "internal", "李四", "黄江镇在各村（社区）设立宣传栏，组织网格员入户走访，广泛收集线索。", null, null, List.of()),
                null).submission().id();
        // no claim: the step's own form takes the step with the decision
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(id.toString()).singleResult().getId();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;

        browser.get(base + "/login");
        assertThat(browser.getPageSource()).contains("简报信息报送系统");
        browser.findElement(By.name("username")).sendKeys("huangjiang-leader");
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login")); // signed in before Tasklist opens

        browser.get(base + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'待我审批')]")));
        // the entry of our item in the list: its task name, in the entry that shows our title
        // (the first match, not any: Tasklist may still hold a hidden copy of the list while it re-renders)
        By entry = By.xpath("//li[.//*[contains(text(),'" + title + "')]]//*[contains(text(),'单位领导审批')]");
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(entry).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst()
                        .orElse(null)).click();

        // the form (the same component as our task page), in Chinese, the item first, the decision last
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "广泛收集线索"));
        String form = browser.findElement(By.tagName("body")).getText();
        assertThat(form).contains(title, "黄江镇", "李四", "动态信息", "此前的处理", "同意报送", "退回修改", "不予报送");
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='完成']")).stream()
                .filter(e -> e.isDisplayed()).toList()).as("Tasklist's own 完成 is hidden for the step's form").isEmpty();

        // times in Beijing time (jianbao.time-zone), in our form and in Tasklist's own list
        java.time.ZonedDateTime created = tasks.createTaskQuery().taskId(taskId).singleResult().getCreateTime()
                .toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(form).contains(java.time.format.DateTimeFormatter.ofPattern("M月d日 HH:mm").format(created));
        String tooltip = browser.findElement(By.xpath("//li[.//*[contains(text(),'" + title
                + "')]]//span[@am-time-ago='task.created']")).getDomAttribute("uib-tooltip");
        assertThat(tooltip).contains(java.time.format.DateTimeFormatter.ofPattern("M月d日").format(created))
                .contains(java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(created));
        assertThat(form).contains("日期和时间均为 北京时间");

        // returning without a reason is refused in the form itself
        click(By.xpath("//button[normalize-space()='退回修改']"));
        click(By.xpath("//button[normalize-space()='提交：退回修改']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "请填写理由"));
        assertThat(submissions.steps(users.person("admin"), id)).extracting(Step::decision).containsExactly("submitted");

        click(By.xpath("//button[normalize-space()='同意报送']"));
        click(By.xpath("//button[normalize-space()='提交：同意报送']"));
        wait.until(d -> submissions.steps(users.person("admin"), id).size() == 2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "已提交"));
        Step decided = submissions.steps(users.person("admin"), id).get(1);
        assertThat(decided.step()).isEqualTo("leaderApproval");
        assertThat(decided.decision()).isEqualTo("approve");
        assertThat(decided.actor()).isEqualTo("huangjiang-leader");
    }
}
