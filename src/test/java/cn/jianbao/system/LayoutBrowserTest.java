package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.publication.Distribution;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Layouts that hold: every page as the role that uses it, at 390, 768, 1366 and 1920 pixels, with
 * the longest real names (a 25-character unit name, a 40-character title). Measured, not only
 * looked at: the page is not wider than the window, and no text of two or more characters stands one
 * character a line (黄江/镇, 审/批/单); and no login id, rule key, status or decision code or UUID in
 * the text a person reads. Screenshots in target/layout/.
 */
@JianbaoIntegrationTest
@EnabledIf(value = "browserAvailable", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
class LayoutBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int[] WIDTHS = {390, 768, 1366, 1920};
    static final String LONG_UNIT = "东莞市黄江镇人民政府党政综合办公室信息调研与督查督办中心"; // 25 characters
    private static final String MEASURE = """
            const out = {lines: [], overflow: [], scroll: document.documentElement.scrollWidth, width: window.innerWidth};
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let n;
            while ((n = walker.nextNode())) {
              const t = n.textContent.replace(/\\s+/g, '');
              const e = n.parentElement;
              if (t.length < 2 || !e || e.closest('script,style,svg,.djs-container,[hidden],dialog:not([open])')) continue;
              const st = getComputedStyle(e);
              if (st.display === 'none' || st.visibility === 'hidden') continue;
              const r = document.createRange();
              r.selectNodeContents(n);
              const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0 && x.height > 0)
                  .map(x => Math.round(x.top)));
              // as many lines as characters: one character a line
              if (tops.size >= 2 && tops.size >= t.length) out.lines.push(t.slice(0, 20));
            }
            if (out.scroll > out.width + 1) {
              document.querySelectorAll('body *').forEach(e => {
                const b = e.getBoundingClientRect();
                if (b.width > 0 && b.right > window.innerWidth + 1 && out.overflow.length < 5) {
                  out.overflow.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 15));
                }
              });
            }
            out.tokens = (document.body.innerText.match(/[A-Za-z][A-Za-z0-9_-]{2,}/g) || []);
            out.uuids = (document.body.innerText.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) || []);
            return out;""";

    @LocalServerPort int port;
    @Autowired Journeys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired cn.jianbao.intake.SubmissionService submissions;
    @Autowired cn.jianbao.testing.Users users;
    @Autowired org.camunda.bpm.engine.TaskService tasks;
    @TempDir Path profile;
    private ChromeDriver browser;
    private String unitName;

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
        unitName = jdbc.sql("select name from unit where code = 'huangjiang'").query(String.class).single();
        jdbc.sql("update unit set name = ? where code = 'huangjiang'").param(LONG_UNIT).update();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        jdbc.sql("update unit set name = ? where code = 'huangjiang'").param(unitName).update();
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
    void everyPageHoldsAtFourWidthsWithTheLongestNames() throws Exception {
        String title = "黄江镇推进“百千万工程”典型村建设并召开全镇农村人居环境整治工作现场推进会" + UUID.randomUUID().toString()
                .substring(0, 2);
        UUID item = journeys.adopted("huangjiang", title, title + "：正文。", "standalone", "public");
        UUID issue = journeys.publish(journeys.draft("briefing", title, List.of(item), false, Distribution.none())).id();
        UUID waiting = submissions.submit(users.person("huangjiang-liaison"), new cn.jianbao.intake.SubmissionDraft(
                title.substring(0, 38) + "待审", "dynamic", "public", null, "正文。", null, null, List.of()), null)
                .submission().id();

        String step = tasks.createTaskQuery().processInstanceBusinessKey(waiting.toString()).singleResult().getId();

        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("huangjiang-liaison", List.of("/", "/submit", "/items", "/items/" + item, "/items/" + item + "/record",
                "/notifications", "/tasks", "/issues/" + issue));
        // the step's form on our page and inside Tasklist (the same component)
        pages.put("huangjiang-leader", List.of("/tasks", "/tasks/" + step, "/items/" + waiting,
                "/camunda/app/tasklist/default/#/?task=" + step));
        pages.put("editor", List.of("/archive?q=" + java.net.URLEncoder.encode("黄江", java.nio.charset.StandardCharsets.UTF_8),
                "/dashboard", "/assessment", "/issues/new", "/admin/rules", "/admin/synonyms", "/inbox", "/commissions"));
        pages.put("admin", List.of("/admin/directory"));
        pages.put("auditor", List.of("/audit"));
        // what a person must never read: login ids, rule keys, the codes of statuses, kinds and decisions
        java.util.Set<String> codes = new java.util.HashSet<>(jdbc.sql("select user_id from person").query(String.class).list());
        for (cn.jianbao.assessment.RuleTable t : cn.jianbao.assessment.RuleTable.values()) {
            codes.add(t.key());
        }
        for (cn.jianbao.intake.SubmissionStatus st : cn.jianbao.intake.SubmissionStatus.values()) {
            codes.add(st.code());
        }
        for (cn.jianbao.intake.SubmissionKind k : cn.jianbao.intake.SubmissionKind.values()) {
            codes.add(k.name().toLowerCase());
        }
        codes.addAll(List.of("standalone", "comprehensive", "approve", "reject", "return", "public", "restricted"));
        Path shots = Path.of("target", "layout");
        Files.createDirectories(shots);
        List<String> problems = new ArrayList<>();
        for (var who : pages.entrySet()) {
            login(who.getKey());
            for (String page : who.getValue()) {
                for (int width : WIDTHS) {
                    browser.manage().window().setSize(new Dimension(width, 900));
                    browser.get("http://localhost:" + port + page);
                    // the page's own requests and drawing (Tasklist loads its application and then the form)
                    Thread.sleep(page.startsWith("/camunda") ? 3500 : 700);
                    if (page.startsWith("/camunda")) {
                        // our form must have rendered inside Tasklist, or the walk proves nothing there
                        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(
                                By.cssSelector(".jbs-head")).isEmpty());
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) browser.executeScript(MEASURE);
                    String where = who.getKey() + " " + page.replaceAll("[0-9a-f-]{36}", "{id}") + " @" + width;
                    if (!((List<?>) m.get("lines")).isEmpty()) {
                        problems.add(where + ": one character a line: " + m.get("lines"));
                    }
                    if (((Number) m.get("scroll")).intValue() > width + 1 && ((Number) m.get("scroll")).intValue()
                            > ((Number) m.get("width")).intValue() + 1) {
                        problems.add(where + ": page " + m.get("scroll") + " px wide in " + m.get("width") + ": " + m.get("overflow"));
                    }
                    if (width == 1366) {
                        // names, not ids (the administrator's directory shows login names by design)
                        List<String> seen = ((List<?>) m.get("tokens")).stream().map(String::valueOf)
                                .filter(codes::contains).distinct().toList();
                        if (!seen.isEmpty() && !page.startsWith("/admin/directory")) {
                            problems.add(where + ": ids or codes in the text: " + seen);
                        }
                        // a UUID other tests typed into a title is the title, not an id shown
                        List<String> shown = ((List<?>) m.get("uuids")).stream().map(String::valueOf)
                                .filter(u -> jdbc.sql("select count(*) from submission where title like ?")
                                        .param("%" + u + "%").query(Long.class).single() == 0
                                        && jdbc.sql("select count(*) from issue where title like ?")
                                        .param("%" + u + "%").query(Long.class).single() == 0).toList();
                        if (!shown.isEmpty()) {
                            problems.add(where + ": a UUID in the text: " + shown);
                        }
                    }
                    if (width == 390 || width == 1366) {
                        String name = (who.getKey() + page).replaceAll("[^a-z0-9]+", "-") + "-" + width + ".png";
                        Files.write(shots.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
                    }
                }
            }
        }
        problems.forEach(System.out::println);
        assertThat(problems).isEmpty();
    }
}
