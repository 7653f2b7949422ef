package cn.jianbao.directory;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.TestLdap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * An office runs its own network: the administrator creates a unit and its people, they log in,
 * change their initial passwords and work; people leave and are replaced while items are on
 * their way. Everything through the HTTP API as the users would, with Camunda's identity checked.
 */
@JianbaoIntegrationTest
class DirectoryApiTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired IdentityService identity;

    ResponseEntity<String> call(String user, String password, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return http.withBasicAuth(user, password).exchange(url, method, new HttpEntity<>(text, headers), String.class);
    }

    ResponseEntity<String> admin(HttpMethod method, String url, Object body) {
        return call("admin", "demo", method, url, body);
    }

    JsonNode body(ResponseEntity<String> r) {
        try {
            return json.readTree(r.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(r.getBody(), e);
        }
    }

    ResponseEntity<String> submit(String user, String password, String title) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var parts = new LinkedMultiValueMap<String, Object>();
        HttpHeaders meta = new HttpHeaders();
        meta.setContentType(MediaType.APPLICATION_JSON);
        parts.add("meta", new HttpEntity<>("{\"title\":\"" + title + "\",\"kind\":\"dynamic\","
                + "\"classification\":\"internal\",\"text\":\"" + title + "的正文。\"}", meta));
        return http.withBasicAuth(user, password).postForEntity("/api/submissions", new HttpEntity<>(parts, headers),
                String.class);
    }

    String taskOf(String user, String password, String submissionId) {
        JsonNode tasks = body(call(user, password, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + submissionId, null));
        return tasks.size() == 0 ? null : tasks.get(0).get("id").asText();
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void anAdministratorSetsUpAUnitWhosePeopleLogInChangeTheirPasswordsAndWork() throws Exception {
        String unit = unique("xa");
        ResponseEntity<String> created = admin(HttpMethod.POST, "/api/units",
                Map.of("code", unit, "name", "新安街道" + unit, "kind", "town"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(body(created).get("warnings").toString()).contains("没有主管领导", "没有信息联络员");

        String liaison = unit + "-li";
        ResponseEntity<String> person = admin(HttpMethod.POST, "/api/people", Map.of("userId", liaison, "name", "李信息",
                "unitCode", unit, "roles", List.of("liaison"), "phone", "0769-8888 1234", "email", "li@example.cn",
                "password", "Xinan#2026a"));
        assertThat(person.getStatusCode().value()).as(person.getBody()).isEqualTo(201);
        assertThat(body(person).get("mustChangePassword").asBoolean()).isTrue();
        ResponseEntity<String> leaderCreated = admin(HttpMethod.POST, "/api/people", Map.of("userId", unit + "-ld",
                "name", "王领导", "unitCode", unit, "roles", List.of("leader")));
        String leaderPassword = body(leaderCreated).get("initialPassword").asText();
        assertThat(PasswordPolicy.violation(unit + "-ld", leaderPassword)).isEmpty();
        // the directory is carried into Camunda: user, name, group memberships
        assertThat(identity.createUserQuery().userId(liaison).singleResult().getFirstName()).isEqualTo("李信息");
        assertThat(identity.createGroupQuery().groupMember(liaison).list()).extracting("id")
                .containsExactly(unit + "-liaisons");
        assertThat(identity.createGroupQuery().groupId(unit + "-leaders").singleResult().getName())
                .isEqualTo("新安街道" + unit + "主管领导");

        // first login (Basic): who they are is open, work waits for a new password
        assertThat(call(liaison, "Xinan#2026a", HttpMethod.GET, "/api/me", null).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> tooEarly = submit(liaison, "Xinan#2026a", "首次登录即报送");
        assertThat(tooEarly.getStatusCode().value()).isEqualTo(403);
        assertThat(tooEarly.getBody()).contains("请先修改初始密码");
        // in the browser, every page leads to the password page
        CookieSession browser = CookieSession.login(port, liaison, "Xinan#2026a");
        HttpResponse<String> home = browser.get("/camunda/app/tasklist/default/", "Accept", "text/html");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/password");
        assertThat(browser.get("/password").statusCode()).isEqualTo(200);

        // the policy applies to the new password
        for (String weak : List.of("short1A", "alllowercase", "12345678", liaison + "A#1")) {
            ResponseEntity<String> r = call(liaison, "Xinan#2026a", HttpMethod.PUT, "/api/me/password",
                    Map.of("oldPassword", "Xinan#2026a", "newPassword", weak));
            assertThat(r.getStatusCode().value()).as(weak).isEqualTo(400);
            assertThat(body(r).get("detail").asText()).as(weak).contains("密码");
        }
        assertThat(call(liaison, "Xinan#2026a", HttpMethod.PUT, "/api/me/password",
                Map.of("oldPassword", "Xinan#2026a", "newPassword", "Better#2026b")).getStatusCode().value()).isEqualTo(204);

        ResponseEntity<String> submitted = submit(liaison, "Better#2026b", "新安街道首条信息");
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        String itemId = body(submitted).get("id").asText();

        // the leader changes the initial password in the browser session and approves
        CookieSession leader = CookieSession.login(port, unit + "-ld", leaderPassword);
        HttpResponse<String> changed = leader.json("PUT", "/api/me/password",
                "{\"oldPassword\":\"" + leaderPassword + "\",\"newPassword\":\"Leader#2026c\"}", leader.csrf());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        String task = taskOf(unit + "-ld", "Leader#2026c", itemId);
        assertThat(task).isNotNull();
        assertThat(call(unit + "-ld", "Leader#2026c", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
                "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}").getStatusCode().value()).isEqualTo(204);

        // the liaison leaves: access ends at once, for Basic and for an open session alike
        CookieSession session = CookieSession.login(port, liaison, "Better#2026b");
        assertThat(session.get("/api/me").statusCode()).isEqualTo(200);
        assertThat(admin(HttpMethod.PATCH, "/api/people/" + liaison, Map.of("active", false)).getStatusCode().value())
                .isEqualTo(200);
        assertThat(call(liaison, "Better#2026b", HttpMethod.GET, "/api/me", null).getStatusCode().value()).isEqualTo(401);
        assertThat(session.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(identity.createGroupQuery().groupMember(liaison).count()).isZero();
        // while their item and its trail keep their name
        JsonNode item = body(admin(HttpMethod.GET, "/api/submissions/" + itemId, null));
        assertThat(item.get("author").asText()).isEqualTo("李信息");
        JsonNode trail = body(call("auditor", "demo", HttpMethod.GET, "/api/submissions/" + itemId + "/trail", null));
        assertThat(trail.get(0).get("actorName").asText()).isEqualTo("李信息");
        assertThat(trail.get(1).get("actorName").asText()).isEqualTo("王领导");

        // last, as a wrong password makes Camunda's brute-force protection hold the user back a while
        assertThat(call(unit + "-ld", leaderPassword, HttpMethod.GET, "/api/me", null).getStatusCode().value())
                .as("the initial password is gone").isEqualTo(401);
        assertThat(call(unit + "-ld", "Leader#2026c", HttpMethod.PUT, "/api/me/password",
                Map.of("oldPassword", "wrong", "newPassword", "Better#2026d")).getStatusCode().value()).isIn(400, 401);
    }

    @Test
    void aNewlyAppointedLeaderGetsThePendingApprovals() {
        String unit = unique("xb");
        admin(HttpMethod.POST, "/api/units", Map.of("code", unit, "name", "新北街道" + unit, "kind", "town"));
        admin(HttpMethod.POST, "/api/people", Map.of("userId", unit + "-li", "name", "赵信息", "unitCode", unit,
                "roles", List.of("liaison"), "password", "Zhao#2026ab"));
        call(unit + "-li", "Zhao#2026ab", HttpMethod.PUT, "/api/me/password",
                Map.of("oldPassword", "Zhao#2026ab", "newPassword", "Zhao#2026cd"));
        String itemId = body(submit(unit + "-li", "Zhao#2026cd", "等待新领导的信息")).get("id").asText();

        // the unit had no leader when the item arrived; one is appointed (moved from another unit)
        ResponseEntity<String> moved = admin(HttpMethod.POST, "/api/people", Map.of("userId", unit + "-ld",
                "name", "钱领导", "unitCode", "mayong", "roles", List.of("leader"), "password", "Qian#2026ab"));
        assertThat(moved.getStatusCode().value()).isEqualTo(201);
        call(unit + "-ld", "Qian#2026ab", HttpMethod.PUT, "/api/me/password",
                Map.of("oldPassword", "Qian#2026ab", "newPassword", "Qian#2026cd"));
        assertThat(taskOf(unit + "-ld", "Qian#2026cd", itemId)).isNull();
        ResponseEntity<String> patched = admin(HttpMethod.PATCH, "/api/people/" + unit + "-ld", Map.of("unitCode", unit));
        assertThat(patched.getStatusCode().value()).as(patched.getBody()).isEqualTo(200);
        String task = taskOf(unit + "-ld", "Qian#2026cd", itemId);
        assertThat(task).as("the new leader sees the pending approval").isNotNull();
        assertThat(call(unit + "-ld", "Qian#2026cd", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
                "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}").getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void anAdministratorResetsAPasswordWhichMustBeChangedAgain() {
        String unit = unique("xc");
        admin(HttpMethod.POST, "/api/units", Map.of("code", unit, "name", "新城街道" + unit, "kind", "town"));
        admin(HttpMethod.POST, "/api/people", Map.of("userId", unit + "-li", "name", "孙信息", "unitCode", unit,
                "roles", List.of("liaison"), "password", "Sun#2026abc"));
        call(unit + "-li", "Sun#2026abc", HttpMethod.PUT, "/api/me/password",
                Map.of("oldPassword", "Sun#2026abc", "newPassword", "Sun#2026def"));
        assertThat(admin(HttpMethod.POST, "/api/people/" + unit + "-li/password-reset", Map.of("password", "weak"))
                .getStatusCode().value()).isEqualTo(400);
        JsonNode reset = body(admin(HttpMethod.POST, "/api/people/" + unit + "-li/password-reset", null));
        String made = reset.get("initialPassword").asText();
        assertThat(submit(unit + "-li", made, "重置后").getStatusCode().value()).isEqualTo(403);
        JsonNode me = body(call(unit + "-li", made, HttpMethod.GET, "/api/me", null));
        assertThat(me.get("mustChangePassword").asBoolean()).isTrue();
        assertThat(call(unit + "-li", "Sun#2026def", HttpMethod.GET, "/api/me", null).getStatusCode().value())
                .as("the old password is gone").isEqualTo(401);
    }

    @Test
    void ldapAccountsLogInWithTheirDirectoryPasswordAndOurRoles() {
        TestLdap.addUser("ldap-huangjiang", "周联络", "Ldap#Secret1");
        TestLdap.addUser("ldap-stranger", "外人", "Ldap#Secret2");
        // not registered here: LDAP alone lets nobody in
        assertThat(call("ldap-stranger", "Ldap#Secret2", HttpMethod.GET, "/api/me", null).getStatusCode().value())
                .isEqualTo(401);
        ResponseEntity<String> registered = admin(HttpMethod.POST, "/api/people", Map.of("userId", "ldap-huangjiang",
                "name", "周联络", "unitCode", "huangjiang", "roles", List.of("liaison")));
        assertThat(registered.getStatusCode().value()).isEqualTo(201);
        // the LDAP password works (the local initial password is never needed), roles and unit are ours
        JsonNode me = body(call("ldap-huangjiang", "Ldap#Secret1", HttpMethod.GET, "/api/me", null));
        assertThat(me.get("unit").get("code").asText()).isEqualTo("huangjiang");
        assertThat(me.get("roles").toString()).contains("liaison");
        assertThat(call("ldap-huangjiang", "wrong", HttpMethod.GET, "/api/me", null).getStatusCode().value())
                .isEqualTo(401);
        CookieSession browser = CookieSession.login(port, "ldap-huangjiang", "Ldap#Secret1");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
        admin(HttpMethod.PATCH, "/api/people/ldap-huangjiang", Map.of("active", false));
        assertThat(call("ldap-huangjiang", "Ldap#Secret1", HttpMethod.GET, "/api/me", null).getStatusCode().value())
                .isEqualTo(401);
    }

    @Nested
    class Refusals {

        @Test
        void nonAdministratorsAreRefusedEveryDirectoryReadAndWrite() {
            for (String user : List.of("editor", "signer", "auditor", "huangjiang-liaison", "huangjiang-leader")) {
                for (Object[] c : List.<Object[]>of(
                        new Object[] {HttpMethod.GET, "/api/units", null},
                        new Object[] {HttpMethod.POST, "/api/units", Map.of("code", "zz", "name", "某镇", "kind", "town")},
                        new Object[] {HttpMethod.PATCH, "/api/units/huangjiang", Map.of("name", "改名")},
                        new Object[] {HttpMethod.GET, "/api/people", null},
                        new Object[] {HttpMethod.POST, "/api/people", Map.of("userId", "zz1", "name", "某人",
                                "unitCode", "huangjiang", "roles", List.of("liaison"))},
                        new Object[] {HttpMethod.PATCH, "/api/people/huangjiang-liaison", Map.of("active", false)},
                        new Object[] {HttpMethod.POST, "/api/people/huangjiang-liaison/password-reset", null},
                        new Object[] {HttpMethod.GET, "/api/directory/template.xlsx", null})) {
                    ResponseEntity<String> r = call(user, "demo", (HttpMethod) c[0], (String) c[1], c[2]);
                    assertThat(r.getStatusCode().value()).as(user + " " + c[0] + " " + c[1]).isEqualTo(403);
                }
            }
            assertThat(body(admin(HttpMethod.GET, "/api/people?q=huangjiang-liaison", null)).get(0)
                    .get("active").asBoolean()).isTrue();
        }

        @Test
        void camundaAdminCannotKeepASecondListOfUsers() {
            ResponseEntity<String> r = admin(HttpMethod.POST, "/engine-rest/user/create",
                    "{\"profile\":{\"id\":\"shadow\",\"firstName\":\"影子\"},\"credentials\":{\"password\":\"Shadow#2026\"}}");
            assertThat(r.getStatusCode().value()).isEqualTo(403);
            assertThat(admin(HttpMethod.PUT, "/engine-rest/group/huangjiang-leaders/members/editor", null)
                    .getStatusCode().value()).isEqualTo(403);
            assertThat(identity.createUserQuery().userId("shadow").count()).isZero();
        }

        @Test
        void duplicatesAre409AndBadFieldsAre400NamingTheField() {
            assertThat(admin(HttpMethod.POST, "/api/units", Map.of("code", "huangjiang", "name", "黄江镇", "kind", "town"))
                    .getStatusCode().value()).isEqualTo(409);
            assertThat(admin(HttpMethod.POST, "/api/units", Map.of("code", unique("hj"), "name", "黄江镇", "kind", "town"))
                    .getStatusCode().value()).as("a second unit of the same name").isEqualTo(409);
            assertThat(admin(HttpMethod.POST, "/api/people", Map.of("userId", "editor", "name", "重复", "unitCode",
                    "office", "roles", List.of("editor"))).getStatusCode().value()).isEqualTo(409);
            for (Object[] c : List.<Object[]>of(
                    new Object[] {"/api/units", Map.of("name", "无编码", "kind", "town"), "code"},
                    new Object[] {"/api/units", Map.of("code", "Bad Code!", "name", "坏编码", "kind", "town"), "code"},
                    new Object[] {"/api/units", Map.of("code", unique("k"), "name", "坏类型", "kind", "village"), "kind"},
                    new Object[] {"/api/units", Map.of("code", unique("k"), "kind", "town"), "name"},
                    new Object[] {"/api/units", Map.of("code", unique("k"), "name", "无上级", "kind", "town",
                            "parentCode", "nowhere"), "parentCode"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "nowhere",
                            "roles", List.of("liaison")), "unitCode"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "huangjiang"),
                            "roles"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "huangjiang",
                            "roles", List.of("mayor")), "roles"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "huangjiang",
                            "roles", List.of("editor")), "roles"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "office",
                            "roles", List.of("auditor", "editor")), "roles"},
                    new Object[] {"/api/people", Map.of("userId", "bad id", "name", "某人", "unitCode", "huangjiang",
                            "roles", List.of("liaison")), "userId"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "huangjiang",
                            "roles", List.of("liaison"), "email", "not-an-email"), "email"},
                    new Object[] {"/api/people", Map.of("userId", unique("p"), "name", "某人", "unitCode", "huangjiang",
                            "roles", List.of("liaison"), "password", "weak"), "password"})) {
                ResponseEntity<String> r = admin(HttpMethod.POST, (String) c[0], c[1]);
                assertThat(r.getStatusCode().value()).as(c[1] + " " + r.getBody()).isEqualTo(400);
                assertThat(body(r).get("field").asText()).as(c[1].toString()).isEqualTo(c[2]);
                assertThat(body(r).get("detail").asText()).isNotBlank();
            }
            assertThat(admin(HttpMethod.PATCH, "/api/units/nowhere", Map.of("name", "x")).getStatusCode().value())
                    .isEqualTo(404);
            assertThat(admin(HttpMethod.PATCH, "/api/people/admin", Map.of("active", false)).getStatusCode().value())
                    .as("an administrator cannot lock themselves out").isEqualTo(400);
        }
    }
}
