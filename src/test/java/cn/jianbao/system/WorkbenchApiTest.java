package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the workbench pages read and write, as each role would reach it over HTTP: who may open
 * which page and endpoint, and what comes back. Each refusal here is a rule of the README's
 * "Pages by role"; removing the rule makes its assertion fail.
 */
@JianbaoIntegrationTest
class WorkbenchApiTest {

    @Autowired TestRestTemplate http;
    @Autowired Journeys journeys;

    private ResponseEntity<JsonNode> send(String user, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String url) {
        return send(user, HttpMethod.GET, url, null);
    }

    private ResponseEntity<String> page(String user, String url) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void pagesARoleMayNotUseAnswerWithTheChinese403() {
        for (String[] refused : new String[][] {
                {"huangjiang-leader", "/audit"}, {"huangjiang-liaison", "/audit"},
                {"huangjiang-liaison", "/issues/new"}, {"signer", "/issues/new"}, {"auditor", "/issues/new"},
                {"editor", "/submit"}, {"auditor", "/submit"}, {"huangjiang-leader", "/submit"},
                {"editor", "/admin/directory"}}) {
            ResponseEntity<String> r = page(refused[0], refused[1]);
            assertThat(r.getStatusCode()).as(String.join(" ", refused)).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(r.getBody()).as(String.join(" ", refused)).contains("无权访问", "返回首页")
                    .doesNotContain("Whitelabel", "Forbidden");
        }
        for (String[] allowed : new String[][] {
                {"auditor", "/audit"}, {"editor", "/audit"}, {"editor", "/issues/new"},
                {"huangjiang-liaison", "/submit"}, {"huangjiang-liaison", "/items"}, {"huangjiang-leader", "/items"}}) {
            assertThat(page(allowed[0], allowed[1]).getStatusCode()).as(String.join(" ", allowed)).isEqualTo(HttpStatus.OK);
        }
        ResponseEntity<String> missing = page("editor", "/no-such-page");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).contains("页面不存在", "返回首页").doesNotContain("Whitelabel");
    }

    @Test
    void metaGivesTheSubmitPageItsKindsHintsAndLimitsFromTheServer() {
        JsonNode meta = get("huangjiang-liaison", "/api/meta").getBody();
        assertThat(meta.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(meta.get("maxBodyChars").asInt()).isPositive();
        assertThat(meta.get("kinds")).hasSize(5);
        JsonNode lead = null;
        for (JsonNode k : meta.get("kinds")) {
            if (k.get("code").asText().equals("news_lead")) {
                lead = k;
            }
        }
        assertThat(lead).isNotNull();
        assertThat(lead.get("label").asText()).isEqualTo("宣传报道线索");
        assertThat(lead.get("hint").asText()).isNotBlank();
        assertThat(meta.get("steps").get("leaderApproval").asText()).isEqualTo("单位领导审批");
    }

    @Test
    void theRecipientsAreTheOfficesAndCarryNamesOnly() {
        ResponseEntity<JsonNode> r = get("editor", "/api/recipients");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("units").findValuesAsText("code")).contains("huangjiang", "police", "office");
        JsonNode people = r.getBody().get("people");
        assertThat(people.findValuesAsText("userId")).contains("huangjiang-leader");
        assertThat(people.findValues("phone")).isEmpty();
        assertThat(people.findValues("email")).isEmpty();
        assertThat(get("auditor", "/api/recipients").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String user : List.of("huangjiang-liaison", "huangjiang-leader", "police-leader")) {
            ResponseEntity<JsonNode> refused = get(user, "/api/recipients");
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("detail").asText()).contains("协调办公室");
        }
    }

    @Test
    void editorsSaveDistributionListsTheOfficeReadsThemOthersNeither() {
        String name = "测试范围" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> list = Map.of("name", name, "distribution",
                Map.of("report", List.of("office"), "send", List.of("police"), "issue", List.of("huangjiang", "mayong-leader")));
        for (String user : List.of("signer", "auditor", "huangjiang-liaison")) {
            assertThat(send(user, HttpMethod.POST, "/api/distribution-lists", list).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        ResponseEntity<JsonNode> saved = send("editor", HttpMethod.POST, "/api/distribution-lists", list);
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = saved.getBody().get("id").asText();
        // the same name again replaces the list, no second one
        Map<String, Object> changed = Map.of("name", name, "distribution",
                Map.of("report", List.of("office"), "send", List.of(), "issue", List.of("qingxi")));
        assertThat(send("editor", HttpMethod.POST, "/api/distribution-lists", changed).getBody().get("id").asText())
                .isEqualTo(id);

        JsonNode lists = get("signer", "/api/distribution-lists").getBody();
        JsonNode ours = null;
        for (JsonNode l : lists) {
            if (l.get("name").asText().equals(name)) {
                assertThat(ours).isNull();
                ours = l;
            }
        }
        assertThat(ours).isNotNull();
        assertThat(ours.get("distribution").get("issue").get(0).asText()).isEqualTo("qingxi");
        assertThat(get("huangjiang-leader", "/api/distribution-lists").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<JsonNode> unknown = send("editor", HttpMethod.POST, "/api/distribution-lists", Map.of("name", "坏的",
                "distribution", Map.of("report", List.of("nobody-here"), "send", List.of(), "issue", List.of())));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("detail").asText()).contains("nobody-here");

        assertThat(send("signer", HttpMethod.DELETE, "/api/distribution-lists/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("editor", HttpMethod.DELETE, "/api/distribution-lists/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(send("editor", HttpMethod.DELETE, "/api/distribution-lists/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theAuditorFindsAnyItemByTitlePersonAndDecisionAndNobodyElseSearchesEverything() {
        String title = "审计查询" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = journeys.adopted("qingxi", title, "清溪镇审计查询正文。", "comprehensive", "restricted");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        for (String query : List.of("q=" + title, "q=" + title + "&person=qingxi-leader&decision=approve&from=" + today
                + "&to=" + today, "person=清溪镇主管领导&q=" + title.substring(4))) {
            ResponseEntity<JsonNode> r = get("auditor", "/api/audit/items?" + query);
            assertThat(r.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
            assertThat(r.getBody().findValuesAsText("id")).as(query).contains(id.toString());
            assertThat(Long.parseLong(r.getHeaders().getFirst("X-Total-Count"))).as(query).isPositive();
        }
        assertThat(get("auditor", "/api/audit/items?q=" + title + "&decision=reject").getBody()).isEmpty();
        assertThat(get("auditor", "/api/audit/items?q=" + title + "&to=2000-01-01").getBody()).isEmpty();

        ResponseEntity<JsonNode> badDay = get("auditor", "/api/audit/items?from=2026-13-01");
        assertThat(badDay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDay.getBody().get("detail").asText()).contains("日期");
        for (String user : List.of("qingxi-leader", "qingxi-liaison", "police-leader")) {
            assertThat(get(user, "/api/audit/items?q=" + title).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void theApprovalPathIsForTheItemsUnitAndTheOfficeAndLooksLikeNothingToOthers() {
        String title = "路径图" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = journeys.adopted("mayong", title, "麻涌镇路径图正文。", "standalone", "public");
        ResponseEntity<JsonNode> path = get("mayong-liaison", "/api/submissions/" + id + "/path");
        assertThat(path.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(path.getBody().get("xml").asText()).contains("bpmn:definitions", "leaderApproval");
        assertThat(path.getBody().get("visited").get("leaderApproval").asInt()).isEqualTo(1);
        assertThat(path.getBody().get("visited").get("adoptionDecision").asInt()).isEqualTo(1);
        List<String> current = new java.util.ArrayList<>();
        path.getBody().get("current").forEach(c -> current.add(c.asText()));
        assertThat(current).containsExactly("awaitPublication");
        assertThat(get("auditor", "/api/submissions/" + id + "/path").getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> outsider = get("huangjiang-leader", "/api/submissions/" + id + "/path");
        ResponseEntity<JsonNode> nothing = get("huangjiang-leader", "/api/submissions/" + UUID.randomUUID() + "/path");
        assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(outsider.getBody().get("detail")).isEqualTo(nothing.getBody().get("detail"));
    }

    @Test
    void theItemsListFiltersByTitleAndDaysAndCountsForTheCallersUnitOnly() {
        String title = "列表筛选" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = journeys.adopted("police", title, "公安分局列表正文。", "standalone", "internal");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        ResponseEntity<JsonNode> mine = get("police-liaison", "/api/submissions?q=" + title + "&from=" + today + "&to=" + today);
        assertThat(mine.getBody().findValuesAsText("id")).containsExactly(id.toString());
        assertThat(mine.getHeaders().getFirst("X-Total-Count")).isEqualTo("1");
        assertThat(mine.getBody().get(0).get("currentStep").asText()).isNotBlank();
        assertThat(get("police-liaison", "/api/submissions?q=" + title + "&to=2000-01-01").getBody()).isEmpty();

        ResponseEntity<JsonNode> other = get("huangjiang-liaison", "/api/submissions?q=" + title);
        assertThat(other.getBody()).isEmpty();
        assertThat(other.getHeaders().getFirst("X-Total-Count")).isEqualTo("0");
        ResponseEntity<JsonNode> bad = get("police-liaison", "/api/submissions?from=tomorrow");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("detail").asText()).contains("日期");
    }
}
