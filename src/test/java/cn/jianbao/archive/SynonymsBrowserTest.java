package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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
 * The synonym page in Debian's chromium: an editor adds 粤政易 = 政务微信 on /admin/synonyms, sees it
 * confirmed and in the log, and a search in the archive for 粤政易 finds the item that says 政务微信.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "browserAvailable", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class SynonymsBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired ArchiveSearch search;
    @Autowired cn.jianbao.testing.Users users;
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
                "--lang=zh-CN", "--window-size=1366,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        jdbc.sql("delete from search_synonym where '粤政易' = any(terms)").update();
    }

    @Test
    void anOfficeAddsASynonymAndTheArchiveFindsBoth() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 4);
        UUID item = journeys.adopted("huangjiang", "黄江镇用政务微信办理群众诉求" + tag, "正文：政务微信。", "standalone", "public");
        journeys.publish(journeys.draft("briefing", "政务微信" + tag, List.of(item), false, Distribution.none()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> search.search(users.person("editor"),
                new ArchiveSearch.Criteria("政务微信", null, null, null, null, null, 0, 100, null, null, null)).hits().stream()
                .anyMatch(h -> item.toString().equals(h.get("submissionId"))));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        browser.get(base + "/login");
        browser.findElement(By.name("username")).sendKeys("editor");
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login")); // signed in before the next page is asked for

        browser.get(base + "/admin/synonyms");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "放管服"));
        browser.findElement(By.id("terms")).sendKeys("粤政易、政务微信");
        browser.findElement(By.id("note")).sendKeys("广东省的政务微信");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "已新增"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), "粤政易 = 政务微信"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "扫黑办编辑"));
        Files.createDirectories(Path.of("target", "journeys"));
        Files.write(Path.of("target", "journeys", "synonyms-1366.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.get(base + "/archive?q=" + java.net.URLEncoder.encode("粤政易", java.nio.charset.StandardCharsets.UTF_8));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "黄江镇用政务微信办理群众诉求" + tag));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("政务微信");
    }
}
