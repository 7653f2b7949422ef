package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JianbaoIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A stolen session does not outlive its owner's new password: changing one's password ends every
 * other session of the person at once (the browser that changed it keeps its own); an
 * administrator's reset, a deactivation and the administrator's "sign out everywhere" end them all.
 */
@JianbaoIntegrationTest
class SessionsEndWithThePasswordTest {

    static final String PASSWORD = "Jianbao-Session-2026";

    @LocalServerPort int port;
    @Autowired DirectoryAdmin admin;
    @Autowired JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    String person() {
        String id = "sess-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createPerson(DirectoryAdmin.SYSTEM, new DirectoryAdmin.PersonDraft(id, "会话测试", "mayong",
                List.of("liaison"), null, null, PASSWORD, true), false);
        return id;
    }

    int me(CookieSession s) {
        return s.get("/api/me").statusCode();
    }

    long sessions(String user) {
        return jdbc.sql("select count(*) from spring_session where principal_name = ?").param(user)
                .query(Long.class).single();
    }

    HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", LoginLocksTest.auth("admin", "demo")).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAtOnceAndKeepsItsOwn() {
        String user = person();
        CookieSession phone = CookieSession.login(port, user, PASSWORD);
        CookieSession stolen = CookieSession.login(port, user, PASSWORD);
        assertThat(me(phone)).isEqualTo(200);
        assertThat(me(stolen)).isEqualTo(200);
        assertThat(stolen.get("/camunda/api/engine/engine/default/task/count").statusCode()).isEqualTo(200);

        String[] token = phone.csrf();
        var changed = phone.json("PUT", "/api/me/password",
                "{\"oldPassword\": \"" + PASSWORD + "\", \"newPassword\": \"Jianbao-Changed-2026\"}", token[0], token[1]);
        assertThat(changed.statusCode()).as(changed.body()).isLessThan(300);

        assertThat(me(stolen)).isEqualTo(401);
        assertThat(stolen.get("/camunda/api/engine/engine/default/task/count").statusCode()).isIn(401, 403);
        assertThat(me(phone)).isEqualTo(200);
        assertThat(sessions(user)).isOne();
    }

    @Test
    void aResetADeactivationAndSigningOutEverywhereEndThemAll() throws Exception {
        String user = person();
        CookieSession a = CookieSession.login(port, user, PASSWORD);
        CookieSession b = CookieSession.login(port, user, PASSWORD);
        assertThat(asAdmin("POST", "/api/people/" + user + "/password-reset", "{\"password\": \"Jianbao-Reset-2026\"}")
                .statusCode()).isEqualTo(200);
        assertThat(me(a)).isEqualTo(401);
        assertThat(me(b)).isEqualTo(401);
        assertThat(sessions(user)).isZero();

        // signed in with the new password (and changed it, as asked), then signed out everywhere by the administrator
        CookieSession c = CookieSession.login(port, user, "Jianbao-Reset-2026");
        String[] token = c.csrf();
        assertThat(c.json("PUT", "/api/me/password", "{\"oldPassword\": \"Jianbao-Reset-2026\", "
                + "\"newPassword\": \"" + PASSWORD + "\"}", token[0], token[1]).statusCode()).isLessThan(300);
        CookieSession d = CookieSession.login(port, user, PASSWORD);
        HttpResponse<String> ended = asAdmin("POST", "/api/people/" + user + "/sessions/end", null);
        assertThat(ended.body()).contains("\"sessionsEnded\":2");
        assertThat(me(c)).isEqualTo(401);
        assertThat(me(d)).isEqualTo(401);

        // deactivated: out at once
        CookieSession e = CookieSession.login(port, user, PASSWORD);
        assertThat(me(e)).isEqualTo(200);
        assertThat(asAdmin("PATCH", "/api/people/" + user, "{\"active\": false}").statusCode()).isEqualTo(200);
        assertThat(sessions(user)).isZero();
        assertThat(me(e)).isEqualTo(401);
    }

    @Test
    void onlyTheAdministratorEndsSomeoneElsesSessions() {
        String user = person();
        CookieSession a = CookieSession.login(port, user, PASSWORD);
        for (String who : new String[] {"editor", "auditor", "mayong-leader"}) {
            CookieSession other = CookieSession.login(port, who, "demo");
            String[] token = other.csrf();
            assertThat(other.send("POST", "/api/people/" + user + "/sessions/end", null, null, token[0], token[1])
                    .statusCode()).as(who).isEqualTo(403);
        }
        assertThat(me(a)).isEqualTo(200);
    }
}
