package cn.jianbao.intake;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 改稿 in the browser, on a phone's width: the editor corrects the text in the review step's form,
 * the unit's liaison sees the change marked on the item's page, the auditor the same and the trail.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "browserAvailable", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class OfficeEditBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired SubmissionService submissions;
    @Autowired Users users;
    @Autowired Journeys journeys;
    @Autowired TaskService tasks;
    @TempDir Path profile;
    private ChromeDriver browser;

    static boolean browserAvailable() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeEach
    void open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=390,844", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().window().setSize(new Dimension(390, 844));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void login(String user) {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    @Test
    void theEditorCorrectsAWordAndTheUnitSeesItMarked() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID item = submissions.submit(users.person("huangjiang-liaison"), new SubmissionDraft("黄江镇防汛检查" + tag,
                "dynamic", "internal", null, "黄江镇组织开展防汛检查，检查水库山塘12座。", null, null, List.of()), null)
                .submission().id();
        journeys.complete(item, "leaderApproval", "huangjiang-leader", Map.of("decision", "approve"));
        String step = tasks.createTaskQuery().processInstanceBusinessKey(item.toString()).singleResult().getId();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Path shots = Path.of("target", "journeys");
        Files.createDirectories(shots);

        login("editor");
        browser.get("http://localhost:" + port + "/tasks/" + step);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".jbs-edit-open"))).click();
        WebElement text = browser.findElement(By.cssSelector(".jbs-edit-form textarea"));
        text.clear();
        text.sendKeys("黄江镇组织开展汛前安全检查，检查水库山塘12座。");
        browser.findElement(By.cssSelector(".jbs-edit-form input:not([maxlength='200'])")).sendKeys("规范表述");
        Files.write(shots.resolve("office-edit-390.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.cssSelector(".jbs-edit-form button[type=submit]")).click();
        // saved, said so, and the form shows the new text; the decision is still to take
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".jbs-content"), "汛前安全检查"));
        assertThat(browser.findElements(By.cssSelector(".jbs-choices button, .jbs-choice"))).isNotEmpty();

        login("huangjiang-liaison");
        browser.get("http://localhost:" + port + "/items/" + item);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#revisions ins")));
        String record = browser.findElement(By.id("revisions")).getText();
        assertThat(record).contains("第2稿", "办公室改稿", "扫黑办编辑", "说明：规范表述");
        assertThat(browser.findElement(By.cssSelector("#revisions ins")).getText()).contains("前安全");
        assertThat(browser.findElement(By.cssSelector("#revisions del")).getText()).contains("防");
        Files.write(shots.resolve("office-edit-unit-sees-390.png"), browser.getScreenshotAs(OutputType.BYTES));
        // the liaison may not edit: no editor on the page
        assertThat(browser.findElements(By.cssSelector(".jbs-edit-open"))).isEmpty();

        login("auditor");
        browser.get("http://localhost:" + port + "/items/" + item);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#revisions ins")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trail"), "办公室改稿"));
    }
}
