package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JianbaoIntegrationTest;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A browser session is written back when it changed or its stored last access is a minute old,
 * not on every request; it still expires, and logging out still ends it.
 */
@JianbaoIntegrationTest
class SessionWritesTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aSessionIsWrittenWhenItChangedOrItsLastAccessIsAMinuteOld() {
        CookieSession editor = CookieSession.login(port, "editor", "demo");
        String id = new String(Base64.getDecoder().decode(editor.cookie("SESSION")), StandardCharsets.UTF_8);
        long stored = lastAccess(id);

        for (int i = 0; i < 5; i++) {
            assertThat(editor.get("/api/search?q=" + i).statusCode()).isEqualTo(200);
        }
        assertThat(lastAccess(id)).as("requests within a minute write nothing").isEqualTo(stored);

        // stored a minute and more ago: the next request writes it, with its new expiry
        long before = System.currentTimeMillis();
        jdbc.sql("update spring_session set last_access_time = last_access_time - 61000, expiry_time = expiry_time - 61000 "
                + "where session_id = ?").param(id).update();
        assertThat(editor.get("/api/search?q=x").statusCode()).isEqualTo(200);
        assertThat(lastAccess(id)).isGreaterThanOrEqualTo(before);
        assertThat(jdbc.sql("select expiry_time - last_access_time from spring_session where session_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(30 * 60 * 1000L);

        // a session last used (as stored) longer ago than its timeout is not taken
        jdbc.sql("update spring_session set last_access_time = last_access_time - 1801000, "
                + "expiry_time = expiry_time - 1801000 where session_id = ?").param(id).update();
        assertThat(editor.get("/api/search?q=y").statusCode()).isEqualTo(401);
        assertThat(rows(id)).isZero();

        // logging out removes it at once
        CookieSession liaison = CookieSession.login(port, "huangjiang-liaison", "demo");
        String other = new String(Base64.getDecoder().decode(liaison.cookie("SESSION")), StandardCharsets.UTF_8);
        assertThat(rows(other)).isOne();
        String[] token = liaison.csrf();
        liaison.send("POST", "/logout", "application/x-www-form-urlencoded", new byte[0], token[0], token[1]);
        assertThat(rows(other)).isZero();
        assertThat(liaison.get("/api/search?q=z").statusCode()).isEqualTo(401);
    }

    /** The session cookie keeps Spring Boot's settings (server.servlet.session.cookie) under the wrapped filter. */
    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=editor&password=demo&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("SESSION="))
                .singleElement().satisfies(c -> assertThat(c).contains("HttpOnly", "SameSite=Lax", "Path=/"));
    }

    private long lastAccess(String id) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?").param(id)
                .query(Long.class).single();
    }

    private long rows(String id) {
        return jdbc.sql("select count(*) from spring_session where session_id = ?").param(id).query(Long.class).single();
    }
}
