package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The browser doors: a signed-in session must not be usable by another site's page, logout is a
 * POST, our pages carry a content security policy, and bad requests are 4xx with a message.
 */
@JianbaoIntegrationTest
class WebDoorsTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    private static final String META = "{\"title\":\"%s\",\"kind\":\"dynamic\",\"classification\":\"internal\",\"text\":\"黄江镇正文内容。\"}";

    long items(String title) {
        return jdbc.sql("select count(*) from submission where title = ?").param(title).query(Long.class).single();
    }

    @Nested
    class CrossSiteRequestForgery {

        @Test
        void aSessionChangesNothingWithoutOurTokenOrFromAnotherSite() {
            CookieSession liaison = CookieSession.login(port, "huangjiang-liaison", "demo");
            String title = "跨站伪造的报送";
            // another site's page can send the cookie but cannot read our token
            assertThat(liaison.submit(META.formatted(title), Map.of()).statusCode()).isEqualTo(403);
            assertThat(liaison.submit(META.formatted(title), Map.of(), "X-CSRF-TOKEN", "guessed").statusCode())
                    .isEqualTo(403);
            // and even with a token, a request the browser marks as another site's is refused
            String[] token = liaison.csrf();
            assertThat(liaison.submit(META.formatted(title), Map.of(), token[0], token[1],
                    "Origin", "http://evil.example").statusCode()).isEqualTo(403);
            assertThat(liaison.submit(META.formatted(title), Map.of(), token[0], token[1],
                    "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
            assertThat(liaison.json("POST", "/engine-rest/process-definition/key/submission/start", """
                    {"variables": {"title": {"value": "%s"}, "kind": {"value": "dynamic"},
                     "classification": {"value": "public"}, "text": {"value": "正文"}}}""".formatted(title)).statusCode())
                    .isEqualTo(403);
            assertThat(items(title)).isZero();
            // our own page, with the token from the cookie, in the same origin
            HttpResponse<String> ok = liaison.submit(META.formatted(title), Map.of(), token[0], token[1],
                    "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(items(title)).isEqualTo(1);
        }

        @Test
        void httpBasicClientsNeedNoTokenButNotFromABrowserOnAnotherSite() {
            String title = "Basic 客户端报送";
            var headers = new org.springframework.http.HttpHeaders();
            headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
            var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
            var metaHeaders = new org.springframework.http.HttpHeaders();
            metaHeaders.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
            parts.add("meta", new org.springframework.http.HttpEntity<>(META.formatted(title), metaHeaders));
            assertThat(http.withBasicAuth("huangjiang-liaison", "demo").postForEntity("/api/submissions",
                    new org.springframework.http.HttpEntity<>(parts, headers), String.class).getStatusCode().value())
                    .isEqualTo(201);
            headers.add("Sec-Fetch-Site", "cross-site");
            assertThat(http.withBasicAuth("huangjiang-liaison", "demo").postForEntity("/api/submissions",
                    new org.springframework.http.HttpEntity<>(parts, headers), String.class).getStatusCode().value())
                    .isEqualTo(403);
            assertThat(items(title)).isEqualTo(1);
        }
    }

    @Nested
    class Logout {

        @Test
        void onlyAPostWithTheTokenEndsTheSession() {
            CookieSession s = CookieSession.login(port, "huangjiang-leader", "demo");
            assertThat(s.get("/api/me").statusCode()).isEqualTo(200);
            s.get("/logout");
            assertThat(s.get("/api/me").statusCode()).as("GET /logout ends nothing").isEqualTo(200);
            s.send("POST", "/logout", "application/x-www-form-urlencoded", new byte[0], "Sec-Fetch-Site", "cross-site");
            assertThat(s.get("/api/me").statusCode()).as("another site's POST ends nothing").isEqualTo(200);
            HttpResponse<String> out = s.send("POST", "/logout", "application/x-www-form-urlencoded",
                    ("_csrf=" + s.cookie("jianbao-csrf")).getBytes(StandardCharsets.UTF_8), "Accept", "text/html");
            assertThat(out.statusCode()).isEqualTo(302);
            assertThat(out.headers().firstValue("Location").orElse("")).contains("/login?logout");
            assertThat(s.get("/api/me").statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class Headers {

        @Test
        void ourPagesCarryAContentSecurityPolicyAndAReferrerPolicy() {
            CookieSession s = CookieSession.login(port, "editor", "demo");
            for (String page : new String[] {"/", "/archive", "/login", "/index.html"}) {
                HttpResponse<String> r = s.get(page);
                assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(page)
                        .contains("script-src 'self'").contains("frame-ancestors 'none'");
                assertThat(r.headers().firstValue("Referrer-Policy")).as(page).hasValue("same-origin");
            }
            // never framed, but for a draft's composing page, which Tasklist's compile step frames: by us only
            for (String page : new String[] {"/", "/issues/new", "/issues/" + java.util.UUID.randomUUID()}) {
                assertThat(s.get(page).headers().firstValue("X-Frame-Options")).as(page).hasValue("DENY");
            }
            HttpResponse<String> framed = s.get("/issues/" + java.util.UUID.randomUUID() + "/compose");
            assertThat(framed.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
            assertThat(framed.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'").contains("frame-ancestors 'self'").doesNotContain("'none'; frame");
            assertThat(framed.headers().allValues("Content-Security-Policy")).hasSize(1);
            // our pages keep no inline script or style the policy would block
            for (String page : new String[] {"/index.html", "/archive.html", "/issue.html"}) {
                String html = s.get(page).body();
                assertThat(html).as(page).doesNotContain("<script>").doesNotContain("<style>")
                        .doesNotContain("style=\"").doesNotContain(" onclick=");
            }
        }
    }

    @Nested
    class BadRequests {

        @Test
        void outOfRangePagingIsA400() throws Exception {
            for (String url : new String[] {"/api/search?q=x&page=2147483647", "/api/search?page=-1",
                    "/api/search?size=1000", "/api/submissions?page=2147483647", "/api/submissions?size=0"}) {
                var r = http.withBasicAuth("editor", "demo").getForEntity(url, String.class);
                assertThat(r.getStatusCode().value()).as(url).isEqualTo(400);
                assertThat(json.readTree(r.getBody()).get("detail").asText()).as(url).isNotBlank();
            }
        }

        @Test
        void anOverlongFileNameIsShortenedAndAnOverlongKeyRefused() throws Exception {
            CookieSession s = CookieSession.login(port, "qingxi-liaison", "demo");
            String[] token = s.csrf();
            String name = "清溪镇".repeat(100) + ".txt";
            HttpResponse<String> r = s.submit(META.formatted("长文件名"), Map.of(name,
                    "清溪镇开展宣传活动的正文。".getBytes(StandardCharsets.UTF_8)), token[0], token[1]);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String id = json.readTree(r.body()).get("id").asText();
            JsonNode item = json.readTree(s.get("/api/submissions/" + id).body());
            String stored = item.get("documents").get(0).get("fileName").asText();
            assertThat(stored.codePointCount(0, stored.length())).isLessThanOrEqualTo(255);
            assertThat(stored).startsWith("清溪镇清溪镇").endsWith(".txt");

            HttpResponse<String> key = s.submit(META.formatted("长幂等键"), Map.of(), token[0], token[1],
                    "Idempotency-Key", "k".repeat(300));
            assertThat(key.statusCode()).as(key.body()).isEqualTo(400);
            assertThat(items("长幂等键")).isZero();
        }
    }
}
