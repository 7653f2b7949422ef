package cn.jianbao.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.Browsers;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The compile step in Camunda Tasklist is the composing page itself: the editor opens 编排简报 in
 * Tasklist, finds the draft as it was saved on /issues/new (items, title, recipients), writes 编者按,
 * asks for numbered copies, adds a recipient outside the system by name and sends the issue to
 * sign-off from there, without unit codes and without Tasklist's 完成. Runs where Debian's chromium
 * and chromium-driver are installed (.ci/run installs them); skipped elsewhere.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "cn.jianbao.testing.Browsers#available", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class CompileInTasklistBrowserTest {

    @LocalServerPort int port;
    @Autowired Journeys journeys;
    @Autowired IssueService issues;
    @Autowired TaskService tasks;
    @TempDir Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.open(profile, 1400, 1000);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void click(By locator) {
        var element = browser.findElement(locator);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    @Test
    void theEditorComposesInTasklistOnTheSamePageAndSendsToSignOff() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID first = journeys.adopted("qingxi", "清溪镇线索摸排" + tag, "清溪镇组织网格员入户走访。", "comprehensive", "public");
        UUID second = journeys.adopted("mayong", "麻涌镇宣传发动" + tag, "麻涌镇开展集中宣传。", "comprehensive", "public");
        Issue draft = journeys.draft("briefing", "综合动态" + tag, List.of(first, second), true,
                new Distribution(List.of("office"), List.of(), List.of("qingxi", "mayong")));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;

        Browsers.login(browser, port, "editor");
        browser.get(base + "/camunda/app/tasklist/default/");
        // the editor's filters start with 待审核: the drafts are under 待编排简报
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task-filters')]"
                + "//*[contains(text(),'待编排简报')]"))).click();
        By entry = By.xpath("//li[.//*[contains(text(),'综合动态" + tag + "')]]//*[contains(text(),'编排简报')]");
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(entry).stream().filter(e -> e.isDisplayed()).findFirst().orElse(null)).click();

        // the composing page in the step's form, filled from the draft
        var frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe[title='编排简报']")));
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='完成']")).stream()
                .filter(e -> e.isDisplayed()).toList()).as("Tasklist's own 完成 is hidden").isEmpty();
        browser.switchTo().frame(frame);
        wait.until(d -> ("综合动态" + tag).equals(d.findElement(By.id("title")).getDomProperty("value")));
        wait.until(d -> d.findElements(By.cssSelector("#chosen li")).size() == 2);
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("清溪镇", "麻涌镇").doesNotContain("qingxi", "mayong");
        assertThat(browser.findElements(By.id("shell")).get(0).isDisplayed()).as("no second header inside Tasklist").isFalse();

        browser.findElement(By.id("lead")).sendKeys("现将两镇做法印发，供参考。");
        click(By.id("numberedCopies"));
        browser.findElement(By.cssSelector("input[data-outside=report]")).sendKeys("市委政法委\n");
        Path shots = Files.createDirectories(Path.of("target", "journeys"));
        browser.switchTo().defaultContent();
        Files.write(shots.resolve("compile-in-tasklist.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.switchTo().frame(browser.findElement(By.cssSelector("iframe[title='编排简报']")));
        click(By.id("send"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("created"), "送签发"));

        Issue sent = issues.find(draft.id()).orElseThrow();
        assertThat(sent.lead()).isEqualTo("现将两镇做法印发，供参考。");
        assertThat(sent.numberedCopies()).isTrue();
        assertThat(sent.distribution().outside().report()).containsExactly("市委政法委");
        assertThat(sent.distribution().report()).containsExactly("office");
        assertThat(sent.items()).extracting(Issue.Item::submissionId).containsExactly(first, second);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(draft.id().toString()).list())
                .extracting(t -> t.getTaskDefinitionKey()).containsExactly("signOff");
        assertThat(browser.findElement(By.id("send")).isEnabled()).as("nothing to send twice").isFalse();
        // the same page opened again after sign-off: locked, saying why
        browser.switchTo().defaultContent();
        browser.get(base + "/issues/" + draft.id() + "/compose");
        assertThat(browser.findElement(By.id("title")).isDisplayed()).isTrue();
        journeys.completeIssue(draft.id(), "signOff", "signer", Map.of("decision", "approve"));
    }
}
