package cn.jianbao.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API described as OpenAPI 3 for integrators, generated from the controllers: behind sign-in,
 * only our /api paths, in Chinese, the download's parameters included; the browsable page works
 * under our content security policy (checked in chromium where it is installed).
 */
@JianbaoIntegrationTest
class ApiDocumentationTest {

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @TempDir Path profile;

    private int anonymous(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theApiIsDescribedFromTheCodeForWhoeverSignedIn() throws Exception {
        assertThat(anonymous("/api/openapi.json")).isEqualTo(401);

        CookieSession s = CookieSession.login(port, "qingxi-liaison", "demo");
        HttpResponse<String> r = s.get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("简报信息报送系统 接口说明");
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/submissions", "/api/submissions/{id}/revisions", "/api/issues",
                "/api/issues/{id}/document", "/api/search", "/api/tasks/{taskId}/decision");
        assertThat(paths).allMatch(p -> p.startsWith("/api/"));
        JsonNode download = doc.path("paths").path("/api/issues/{id}/document").path("get");
        assertThat(download.path("summary").asText()).contains("印制文件");
        assertThat(download.path("tags").get(0).asText()).isEqualTo("简报编发");
        assertThat(download.path("parameters").findValuesAsText("name")).contains("id", "format", "copy");
        assertThat(doc.path("components").path("securitySchemes").has("账号密码")).isTrue();
        // where springdoc's tools look first: sent on to the description, after the same sign-in
        assertThat(anonymous("/v3/api-docs")).isIn(302, 401);
        HttpResponse<String> alias = s.get("/v3/api-docs");
        assertThat(alias.statusCode()).isEqualTo(301);
        assertThat(alias.headers().firstValue("Location").orElse("")).endsWith("/api/openapi.json");

        // the browsable page, behind the login
        assertThat(anonymous("/api-docs")).isIn(302, 401);
        HttpResponse<String> page = s.get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);

        if (!cn.jianbao.testing.Browsers.available()) {
            return;
        }
        ChromeDriver browser = cn.jianbao.testing.Browsers.open(profile, 1280, 900);
        try {
            cn.jianbao.testing.Browsers.login(browser, port, "editor");
            browser.get("http://localhost:" + port + "/api-docs");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "简报信息报送系统 接口说明"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "简报编发"));
            Path shots = Files.createDirectories(Path.of("target", "journeys"));
            Files.write(shots.resolve("api-docs.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
