package cn.jianbao.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Rule tables are data: a table carrying code (JUEL, a script, FEEL calling Java) is refused at
 * every door - upload, preview, the engine's own deployment, Camunda's REST API, and a version
 * already in the database from before tables were checked - naming the entry, with nothing
 * evaluated (the marker file the code would create stays absent) and nothing installed.
 */
@JianbaoIntegrationTest
class RuleTablesAreDataTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired RuleBook rules;
    @Autowired RepositoryService repository;
    @Autowired ProcessEngine engine;

    Path marker;
    String original;

    @BeforeEach
    void setUp() throws Exception {
        marker = Files.createTempDirectory("jianbao-rce").resolve("marker");
        original = Files.readString(Path.of("processes", "adoption-points.dmn"));
    }

    @AfterEach
    void noCodeRan() {
        assertThat(marker).as("the table's code ran").doesNotExist();
    }

    /** A JUEL expression that creates the marker and waits for it, answering 7. */
    private String juel() {
        return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null)"
                + ".exec(\"touch " + marker + "\").waitFor() == 0 ? 7 : 8}";
    }

    /** Tables that carry code, each with the words its refusal must contain (the entry it names). */
    private Map<String, String[]> evilTables() {
        String standalonePoints = "<outputEntry id=\"LiteralExpression_standalone_points\"><text>10</text></outputEntry>";
        Map<String, String[]> t = new LinkedHashMap<>();
        t.put("JUEL output entry", new String[] {original.replace(standalonePoints,
                "<outputEntry id=\"LiteralExpression_standalone_points\" expressionLanguage=\"juel\"><text>" + xml(juel())
                        + "</text></outputEntry>"), "juel", "LiteralExpression_standalone_points"});
        t.put("JUEL for the whole table", new String[] {original.replace("namespace=\"http://jianbao.cn/dmn\"",
                "namespace=\"http://jianbao.cn/dmn\" expressionLanguage=\"juel\"").replace(standalonePoints,
                "<outputEntry id=\"LiteralExpression_standalone_points\"><text>" + xml(juel()) + "</text></outputEntry>"),
                "juel", "Definitions_adoptionPoints"});
        t.put("JUEL input expression", new String[] {original.replace(
                "<inputExpression id=\"InputExpression_adoption\" typeRef=\"string\">\n          <text>adoption</text>",
                "<inputExpression id=\"InputExpression_adoption\" typeRef=\"string\" expressionLanguage=\"juel\">\n"
                        + "          <text>" + xml(juel().replace("? 7 : 8", "? 'standalone' : 'x'")) + "</text>"),
                "juel", "InputExpression_adoption"});
        t.put("script input entry", new String[] {original.replace(
                "<inputEntry id=\"UnaryTests_standalone\"><text>\"standalone\"</text>",
                "<inputEntry id=\"UnaryTests_standalone\" expressionLanguage=\"javascript\"><text>java.lang.Runtime"
                        + ".getRuntime().exec('touch " + marker + "'); true</text>"), "javascript", "UnaryTests_standalone"});
        t.put("groovy output entry", new String[] {original.replace(standalonePoints,
                "<outputEntry id=\"LiteralExpression_standalone_points\" expressionLanguage=\"groovy\"><text>"
                        + "'touch " + marker + "'.execute().waitFor(); 7</text></outputEntry>"), "groovy",
                "LiteralExpression_standalone_points"});
        t.put("FEEL calling Java", new String[] {original.replace(standalonePoints,
                "<outputEntry id=\"LiteralExpression_standalone_points\"><text>(function() external {java: {class: "
                        + "\"java.lang.Runtime\", method signature: \"getRuntime()\"}})()</text></outputEntry>"),
                "第1行规则（单独刊发）“积分”", "只能填写数字"});
        t.put("FEEL expression in an input", new String[] {original.replace(
                "<text>adoption</text>", "<text>string length(adoption) + adoption</text>"),
                "输入列“采用方式”", "只能是变量名"});
        t.put("literal expression decision", new String[] {original.replaceAll(
                "(?s)<decisionTable .*</decisionTable>", java.util.regex.Matcher.quoteReplacement("<literalExpression><text>"
                        + xml(juel()) + "</text></literalExpression>")), "literalExpression"});
        return t;
    }

    @Test
    void aTableCarryingCodeIsRefusedAtEveryDoorNamingTheEntryAndNothingRunsOrIsInstalled() {
        int versions = rules.versions().size();
        long deployments = repository.createDeploymentQuery().count();
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        evilTables().forEach((what, t) -> {
            // the administrator's upload and preview, the editor's preview: refused, naming the entry
            for (String[] door : new String[][] {{"admin", "/api/rules"}, {"admin", "/api/rules/preview"},
                    {"editor", "/api/rules/preview"}, {"signer", "/api/rules/preview"}}) {
                ResponseEntity<JsonNode> r = upload(door[0], door[1], t[0], today);
                assertThat(r.getStatusCode()).as(what + " " + door[0] + " " + door[1]).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(r.getHeaders().getContentType().toString()).contains("problem+json");
                for (int i = 1; i < t.length; i++) {
                    assertThat(r.getBody().get("detail").asText()).as(what).contains(t[i]);
                }
            }
            // the auditor and the editor may not try any table, evil or not
            assertThat(upload("auditor", "/api/rules/preview", t[0], null).getStatusCode()).as(what)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(upload("auditor", "/api/rules", t[0], today).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(upload("editor", "/api/rules", t[0], today).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            // the candidate check itself, and the engine's own deployment (as the application)
            assertThatThrownBy(() -> rules.check(t[0].getBytes(StandardCharsets.UTF_8))).as(what)
                    .hasMessageContaining(t[1]);
            assertThatThrownBy(() -> repository.createDeployment().name("evil")
                    .addString("processes/adoption-points.dmn", t[0]).deploy()).as(what)
                    .hasMessageContaining("refused");
            // Camunda's REST API, even for the administrator
            assertThat(engineDeployment("admin", t[0])).as(what).isEqualTo(403);
        });
        assertThat(rules.versions()).hasSize(versions);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void theAuditorReadsTheRulesAndTheirHistoryButPreviewsNothing() {
        assertThat(http.withBasicAuth("auditor", "demo").getForEntity("/api/rules", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("auditor", "demo").getForEntity("/api/rules/adoptionPoints/1", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> preview = upload("auditor", "/api/rules/preview", original, null);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(preview.getBody().get("detail").asText()).contains("审计人员");
        assertThat(upload("editor", "/api/rules/preview", original, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * A version that reached the database before tables were checked (its bytes replaced here) is
     * not evaluated by the rule book, nor by the engine's own DMN engine through Camunda's REST API.
     */
    @Test
    void aVersionWithCodeAlreadyInTheDatabaseIsNeverEvaluated() {
        LocalDate far = LocalDate.of(2098, 3, 1);
        ResponseEntity<JsonNode> installed = upload("admin", "/api/rules",
                original.replace("<text>10</text>", "<text>11</text>"), far.toString());
        assertThat(installed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        int version = installed.getBody().get("version").asInt();
        DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey("adoptionPoints")
                .decisionDefinitionVersion(version).singleResult();
        String evil = evilTables().get("JUEL output entry")[0];
        jdbc.sql("update act_ge_bytearray set bytes_ = ? where deployment_id_ = ? and name_ like '%.dmn'")
                .params(evil.getBytes(StandardCharsets.UTF_8), d.getDeploymentId()).update();
        // the engine forgets what it parsed, as after a restart
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        configuration.getCommandExecutorTxRequired().execute(context -> {
            configuration.getDeploymentCache().removeDeployment(d.getDeploymentId());
            return null;
        });
        try {
            // a fresh read of the model (after a restart, or for a version not asked before)
            rules.afterPropertiesSet();
            assertThatThrownBy(() -> rules.evaluate(RuleTable.ADOPTION, "standalone", far))
                    .hasMessageContaining("已拒绝执行");
            ResponseEntity<String> engine = http.withBasicAuth("admin", "demo").exchange(
                    "/engine-rest/decision-definition/" + d.getId() + "/evaluate", HttpMethod.POST,
                    json("{\"variables\": {\"adoption\": {\"value\": \"standalone\", \"type\": \"String\"}}}"),
                    String.class);
            assertThat(engine.getStatusCode().is2xxSuccessful()).as(engine.getBody()).isFalse();
        } finally {
            // out of the way of other tests: a clean version for that day again
            assertThat(upload("admin", "/api/rules", original, far.toString()).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }
        assertThat(rules.evaluate(RuleTable.ADOPTION, "standalone", far).value()).isEqualTo(10);
    }

    /**
     * The rest of the class: a task query or a Tasklist filter asked through Camunda's REST API with
     * an expression in it is refused before anything evaluates it (ad-hoc queries take no
     * expressions; the filters, which do, are ours and no one else may save one).
     */
    @Test
    void expressionsInQueriesAndFiltersFromARequestAreNeverEvaluated() throws Exception {
        String code = java.net.URLEncoder.encode(juel(), StandardCharsets.UTF_8);
        for (String user : new String[] {"huangjiang-liaison", "editor", "admin"}) {
            ResponseEntity<String> query = http.withBasicAuth(user, "demo").getForEntity(
                    java.net.URI.create("/engine-rest/task?assigneeExpression=" + code), String.class);
            assertThat(query.getStatusCode().is4xxClientError()).as(user + " " + query.getBody()).isTrue();
            String filters = http.withBasicAuth(user, "demo").getForObject("/engine-rest/filter?resourceType=Task",
                    String.class);
            var ids = new com.fasterxml.jackson.databind.ObjectMapper().readTree(filters).findValuesAsText("id");
            for (String id : ids) {
                ResponseEntity<String> listed = http.withBasicAuth(user, "demo").exchange("/engine-rest/filter/" + id
                        + "/list", HttpMethod.POST, json("{\"candidateUserExpression\": \"" + juel().replace("\"", "\\\"")
                        + "\"}"), String.class);
                assertThat(listed.getStatusCode().is4xxClientError()).as(user + " filter " + id + ": " + listed.getBody())
                        .isTrue();
            }
            ResponseEntity<String> saved = http.withBasicAuth(user, "demo").exchange("/engine-rest/filter/create",
                    HttpMethod.POST, json("{\"resourceType\": \"Task\", \"name\": \"x\", \"query\": "
                            + "{\"assigneeExpression\": \"" + juel().replace("\"", "\\\"") + "\"}}"), String.class);
            assertThat(saved.getStatusCode().value()).as(user).isEqualTo(403);
        }
    }

    private int engineDeployment(String user, String dmn) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", "evil");
        form.add("data", new ByteArrayResource(dmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "adoption-points.dmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, "demo").exchange("/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(form, headers), String.class).getStatusCode().value();
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private ResponseEntity<JsonNode> upload(String user, String url, String dmn, String effectiveFrom) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(dmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "adoption-points.dmn";
            }
        });
        if (effectiveFrom != null && url.equals("/api/rules")) {
            form.add("effectiveFrom", effectiveFrom);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.POST, new HttpEntity<>(form, headers),
                JsonNode.class);
    }
}
