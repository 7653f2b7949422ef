package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.TestClock;
import cn.jianbao.testing.TestLdap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Logins that strangers cannot turn off: wrong passwords slow the guesser and then lock the
 * account for a while, never for good; the lock ends by itself, by an administrator's unlock and
 * by a password reset. The same through the login form, HTTP Basic and LDAP; Camunda's own password
 * doors (the webapps' login, /identity/verify) do not get around it. Per source address too.
 */
@JianbaoIntegrationTest
class LoginLocksTest {

    static final String PASSWORD = "Jianbao-Lock-2026";

    @LocalServerPort int port;
    @Autowired DirectoryAdmin admin;
    @Autowired TestClock clock;
    @Autowired ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    String person() {
        String id = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createPerson(DirectoryAdmin.SYSTEM, new DirectoryAdmin.PersonDraft(id, "锁定测试", "huangjiang",
                List.of("liaison"), null, null, PASSWORD, true), false);
        return id;
    }

    HttpResponse<String> basic(String user, String password, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ten wrong passwords, each after any wait the last ones asked for. */
    void tenWrong(String user) {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(31));
            assertThat(basic(user, "wrong-" + i).statusCode()).isEqualTo(401);
        }
    }

    String detail(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body()).get("detail").asText();
    }

    /** The login form, as a browser posts it: where it sends the browser. */
    String formLogin(String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + m.group(1);
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        if (location.contains("/login?")) {
            String shown = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + location.substring(location.indexOf("/login?")))).build(), HttpResponse.BodyHandlers.ofString()).body();
            return location + " " + shown;
        }
        return location;
    }

    @Test
    void tenWrongPasswordsLockForABoundedTimeWhichEndsByItselfByUnlockAndByReset() throws Exception {
        String user = person();
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);

        // slowed: after three failures the next attempt waits before it is even checked (and is not counted)
        for (int i = 0; i < 3; i++) {
            assertThat(basic(user, "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> early = basic(user, PASSWORD);
        assertThat(early.statusCode()).isEqualTo(429);
        assertThat(detail(early)).contains("秒后再试");
        assertThat(early.headers().firstValue("Retry-After")).isPresent();

        // ten in all: locked, the right password refused through every door, with when it ends
        clock.advance(Duration.ofSeconds(31));
        for (int i = 3; i < 10; i++) {
            clock.advance(Duration.ofSeconds(31));
            assertThat(basic(user, "wrong").statusCode()).as("attempt " + i).isEqualTo(401);
        }
        HttpResponse<String> locked = basic(user, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(detail(locked)).contains("暂时锁定").contains("解锁");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(14 * 60L, 15 * 60L + 1);
        assertThat(locked.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(formLogin(user, PASSWORD)).contains("/login?locked=").contains("账号已暂时锁定");

        // the administrator sees it
        HttpResponse<String> list = get("/api/people?q=" + user, "admin");
        JsonNode row = json.readTree(list.body()).get(0);
        assertThat(row.get("lockedUntil")).as(list.body()).isNotNull();

        // it ends by itself
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(json.readTree(get("/api/people?q=" + user, "admin").body()).get(0).get("lockedUntil")).isNull();

        // by the administrator's unlock
        tenWrong(user);
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(429);
        assertThat(send("POST", "/api/people/" + user + "/unlock", "huangjiang-leader").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/people/" + user + "/unlock", "admin").statusCode()).isEqualTo(200);
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);

        // by a password reset
        tenWrong(user);
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(429);
        HttpRequest reset = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/people/" + user
                        + "/password-reset"))
                .header("Authorization", auth("admin", "demo")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"Jianbao-Reset-2026\"}")).build();
        assertThat(http.send(reset, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(basic(user, "Jianbao-Reset-2026").statusCode()).isEqualTo(200);
    }

    @Test
    void ldapLoginsAreCountedAndLockedTheSame() {
        String user = person();
        TestLdap.addUser(user, "锁定测试", "ldap-secret-1");
        assertThat(basic(user, "ldap-secret-1").statusCode()).isEqualTo(200);
        tenWrong(user);
        assertThat(basic(user, "ldap-secret-1").statusCode()).isEqualTo(429);
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(429);
    }

    @Test
    void camundasOwnPasswordDoorsDoNotGetAroundTheLocks() throws Exception {
        String user = person();
        // the webapps' login form endpoint: not a way in (they use our session)
        HttpRequest webapp = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD)).build();
        HttpResponse<String> r = http.send(webapp, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("not a way in").isIn(302, 401, 403);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("tasklist");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
        // the engine's password check, as a signed-in user: refused for right and wrong alike
        for (String password : new String[] {PASSWORD, "wrong"}) {
            HttpRequest verify = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/identity/verify"))
                    .header("Authorization", auth("huangjiang-liaison", "demo")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + user + "\", \"password\": \""
                            + password + "\"}")).build();
            HttpResponse<String> v = http.send(verify, HttpResponse.BodyHandlers.ofString());
            assertThat(v.statusCode()).as(v.body()).isEqualTo(403);
        }
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedThenStoppedWhileOthersLogIn() {
        String user = person();
        String attacker = "10.66." + (int) (Math.random() * 200) + ".7";
        for (int i = 0; i < 10; i++) {
            assertThat(basic("nobody-" + i, "guess", "X-Forwarded-For", attacker).statusCode()).isEqualTo(401);
        }
        // after ten from one address, the next waits (also for a right password from there)
        assertThat(basic(user, PASSWORD, "X-Forwarded-For", attacker).statusCode()).isEqualTo(429);
        for (int i = 10; i < 50; i++) {
            clock.advance(Duration.ofSeconds(31));
            assertThat(basic("nobody-" + i, "guess", "X-Forwarded-For", attacker).statusCode()).isEqualTo(401);
        }
        clock.advance(Duration.ofSeconds(31));
        HttpResponse<String> stopped = basic(user, PASSWORD, "X-Forwarded-For", attacker);
        assertThat(stopped.statusCode()).isEqualTo(429);
        // everyone else, and the account itself from elsewhere, are not affected
        assertThat(basic(user, PASSWORD, "X-Forwarded-For", "10.67.0.1").statusCode()).isEqualTo(200);
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);
        // and it ends
        clock.advance(Duration.ofMinutes(16));
        assertThat(basic(user, PASSWORD, "X-Forwarded-For", attacker).statusCode()).isEqualTo(200);
    }

    static String auth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String user) {
        return send("GET", path, user);
    }

    HttpResponse<String> send(String method, String path, String user) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", auth(user, "demo"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
