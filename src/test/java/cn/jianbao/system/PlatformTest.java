package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded default really runs PostgreSQL and Elasticsearch, and deploys our models and forms. */
@JianbaoIntegrationTest
class PlatformTest {

    @Autowired JdbcClient jdbc;
    @Autowired ElasticsearchClient elasticsearch;
    @Autowired RepositoryService repository;
    @Autowired TestRestTemplate http;

    @Test
    void theDatabaseIsARealPostgresqlKeepingChineseText() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("select name from unit where code = 'huangjiang'").query(String.class).single())
                .isEqualTo("黄江镇");
    }

    @Test
    void elasticsearchAnswersTheOfficialClient() throws Exception {
        HealthStatus status = elasticsearch.cluster().health().status();
        assertThat(status).isIn(HealthStatus.Green, HealthStatus.Yellow);
    }

    @Test
    void modelsAndFormsAreDeployedUnderTheirRelativeNames() {
        String deployment = repository.createProcessDefinitionQuery().processDefinitionKey("submission")
                .latestVersion().singleResult().getDeploymentId();
        assertThat(repository.getDeploymentResourceNames(deployment)).contains("processes/submission.bpmn",
                "forms/step.html", "forms/compile-issue.html", "forms/submit.html");
        // the rule tables are the office's from the first start: deployed once, on their own
        var rules = repository.createDecisionDefinitionQuery().decisionDefinitionKey("adoptionPoints")
                .orderByDecisionDefinitionVersion().asc().list().get(0);
        assertThat(repository.getDeploymentResourceNames(rules.getDeploymentId()))
                .containsExactly("processes/adoption-points.dmn");
    }

    @Test
    void meTellsWhoIsSignedIn() {
        var me = http.withBasicAuth("huangjiang-leader", "demo").getForObject("/api/me", com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(me.get("unit").get("name").asText()).isEqualTo("黄江镇");
        assertThat(me.get("roleLabel").asText()).isEqualTo("主管领导");
        assertThat(me.get("roles").toString()).isEqualTo("[\"leader\"]");
    }

    @Test
    void unreadableJsonIsAChineseFourHundred() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        var r = http.withBasicAuth("editor", "demo").postForEntity("/api/issues",
                new org.springframework.http.HttpEntity<>("{not json", headers), com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().get("detail").asText()).contains("请求格式不正确");
    }

    @Test
    void theLoginPageSpeaksChineseAndEverythingElseNeedsALogin() {
        assertThat(http.getForObject("/login", String.class)).contains("用户名", "密码", "登录");
        var tasklist = http.getForEntity("/camunda/app/tasklist/", String.class);
        // redirected to our login page (followed or not, depending on the HTTP client)
        if (tasklist.getStatusCode() == HttpStatus.FOUND) {
            assertThat(tasklist.getHeaders().getLocation().getPath()).isEqualTo("/login");
        } else {
            assertThat(tasklist.getBody()).contains("用户名", "密码");
        }
        assertThat(http.getForObject("/actuator/health", String.class)).contains("UP");
    }
}
