package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What production leaves out: cookies are Secure when the browser came over HTTPS (through the
 * proxy, X-Forwarded-Proto), the engine's version is the administrator's to know, network-wide
 * figures are for those who may see them (Cockpit's statistics; the rankings' totals where other
 * units' figures are hidden).
 */
@JianbaoIntegrationTest
class ProductionDefaultsTest {

    @LocalServerPort int port;
    @Autowired ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(String method, String path, String user, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", LoginLocksTest.auth(user, "demo"));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The login page and the login itself, as a browser behind the proxy does them: the cookies
     * they set (sent back by hand: Java's cookie store keeps Secure cookies from plain HTTP).
     */
    List<String> cookiesOfALogin(String... headers) throws Exception {
        HttpRequest.Builder page = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"));
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            page.header(headers[i], headers[i + 1]);
            login.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> shown = http.send(page.build(), HttpResponse.BodyHandlers.ofString());
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(shown.body());
        assertThat(csrf.find()).isTrue();
        List<String> cookies = new java.util.ArrayList<>(shown.headers().allValues("Set-Cookie"));
        String sent = String.join("; ", cookies.stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
        HttpResponse<String> done = http.send(login.header("Cookie", sent).POST(HttpRequest.BodyPublishers.ofString(
                "username=editor&password=demo&_csrf=" + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        cookies.addAll(done.headers().allValues("Set-Cookie"));
        return cookies;
    }

    @Test
    void cookiesAreSecureWhenTheBrowserCameOverHttpsThroughTheProxy() throws Exception {
        List<String> overHttps = cookiesOfALogin("X-Forwarded-Proto", "https");
        assertThat(overHttps).anyMatch(c -> c.startsWith("SESSION=")).anyMatch(c -> c.startsWith("jianbao-csrf="))
                .allMatch(c -> c.contains("; Secure"), "Secure");
        List<String> plain = cookiesOfALogin();
        assertThat(plain).anyMatch(c -> c.startsWith("SESSION=")).noneMatch(c -> c.contains("; Secure"));
    }

    @Test
    void theEngineVersionIsTheAdministratorsToKnow() {
        for (String path : new String[] {"/engine-rest/version", "/camunda/api/engine/engine/default/version"}) {
            assertThat(send("GET", path, "huangjiang-liaison", null).statusCode()).as(path).isEqualTo(404);
            assertThat(send("GET", path, "auditor", null).statusCode()).as(path).isEqualTo(404);
            assertThat(send("GET", path, "admin", null).body()).as(path).contains("7.");
        }
        HttpResponse<String> tasklist = send("GET", "/camunda/app/tasklist/default/", "huangjiang-liaison", null);
        assertThat(tasklist.statusCode()).isEqualTo(200);
        assertThat(tasklist.body()).contains("<footer").doesNotContainPattern("v7\\.\\d+");
    }

    @Test
    void cockpitsStatisticsAreForThoseWhoMayOpenCockpit() {
        for (String path : new String[] {"/engine-rest/process-definition/statistics",
                "/engine-rest/process-definition/key/submission/statistics", "/engine-rest/metrics/activity-instance-start/sum",
                "/engine-rest/task/report/candidate-group-count", "/engine-rest/history/process-definition/submission/statistics"}) {
            for (String user : new String[] {"huangjiang-liaison", "huangjiang-leader", "editor", "signer"}) {
                assertThat(send("GET", path, user, null).statusCode()).as(user + " " + path).isEqualTo(403);
            }
            assertThat(send("GET", path, "auditor", null).statusCode()).as("auditor " + path).isEqualTo(200);
        }
    }

    @Test
    void theRankingsTotalsAreLeftOutWhereOtherUnitsFiguresAreHidden() throws Exception {
        try {
            assertThat(send("PUT", "/api/assessment/settings", "admin",
                    "{\"rankPublicly\": false, \"showOthersPoints\": false, \"scoreInstructions\": false}").statusCode())
                    .isEqualTo(200);
            JsonNode hidden = json.readTree(send("GET", "/api/rankings", "huangjiang-liaison", null).body());
            assertThat(hidden.has("submitted")).as(hidden.toString()).isFalse();
            assertThat(hidden.has("adopted")).isFalse();
            assertThat(hidden.get("towns")).hasSize(1);
            assertThat(json.readTree(send("GET", "/api/rankings", "editor", null).body()).has("submitted")).isTrue();

            assertThat(send("PUT", "/api/assessment/settings", "admin",
                    "{\"rankPublicly\": true, \"showOthersPoints\": false, \"scoreInstructions\": false}").statusCode())
                    .isEqualTo(200);
            assertThat(json.readTree(send("GET", "/api/rankings", "huangjiang-liaison", null).body()).has("submitted"))
                    .isTrue();
        } finally {
            send("PUT", "/api/assessment/settings", "admin",
                    "{\"rankPublicly\": false, \"showOthersPoints\": false, \"scoreInstructions\": false}");
        }
    }
}
