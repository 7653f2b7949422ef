package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a request may carry, tried as a careless client or a prober would: control characters in
 * queries, parameters and titles, dates of year 999999999, numbers for text and for times, an
 * upload over the limit, a file that says nothing - through our API and Camunda's REST API alike.
 * Each answer is a 4xx problem+json body in Chinese naming the field; nothing is stored and no
 * process starts.
 */
@JianbaoIntegrationTest
class BadInputTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;

    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, JsonNode body) {
    }

    Answer send(String user, String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", LoginLocksTest.auth(user, "demo"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.body().isEmpty() ? null : json.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Answer get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    Answer submit(String meta, Map<String, byte[]> files) {
        String boundary = "----bad" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
                meta.getBytes(StandardCharsets.UTF_8));
        files.forEach((name, content) -> part(out, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\""
                + name + "\"\r\nContent-Type: application/octet-stream", content));
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("huangjiang-liaison", "POST", "/api/submissions", "multipart/form-data; boundary=" + boundary,
                out.toByteArray());
    }

    static void part(ByteArrayOutputStream out, String boundary, String head, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** How many items, process instances and tasks there are: nothing may change under a refusal. */
    Map<String, Long> stored() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("submissions", jdbc.sql("select count(*) from submission").query(Long.class).single());
        m.put("documents", jdbc.sql("select count(*) from document").query(Long.class).single());
        m.put("processes", runtime.createProcessInstanceQuery().count());
        m.put("tasks", tasks.createTaskQuery().count());
        return m;
    }

    /**
     * The refusal: its status, a problem+json body with a Chinese message (through Camunda's REST
     * API, in its own error shape), the field when one is named.
     */
    void refused(String what, Supplier<Answer> request, int status, String field) {
        Map<String, Long> before = stored();
        Answer a = request.get();
        assertThat(a.status()).as(what + ": " + a.body()).isEqualTo(status);
        boolean engine = a.body() != null && a.body().has("message") && !a.body().has("detail");
        assertThat(a.contentType()).as(what).contains(engine ? "application/json" : "application/problem+json");
        assertThat(a.body().get(engine ? "message" : "detail").asText()).as(what).containsPattern("\\p{IsHan}");
        if (field != null) {
            assertThat(a.body().path("field").asText()).as(what).isEqualTo(field);
        }
        assertThat(stored()).as(what + ": nothing stored").isEqualTo(before);
    }

    static final String META = "\"kind\": \"dynamic\", \"classification\": \"internal\", \"urgency\": \"routine\"";

    @Test
    void controlCharactersAreRefusedInEveryTextFieldAndQuery() {
        refused("NUL in q", () -> get("editor", "/api/submissions?q=a%00b"), 400, "q");
        refused("NUL in unit", () -> get("editor", "/api/submissions?unit=a%00b"), 400, "unit");
        refused("BEL in the archive's q", () -> get("editor", "/api/search?q=%E9%98%B2%07%E6%B1%9B"), 400, "q");
        refused("a control character in a path", () -> send("admin", "POST", "/api/people/ad%01min/unlock", null, null),
                400, null);
        refused("NUL in a title", () -> submit("{" + META + ", \"title\": \"防汛\\u0000工作\", \"text\": \"正文内容足够长。\"}",
                Map.of()), 400, "title");
        refused("escape in the text", () -> submit("{" + META + ", \"title\": \"防汛工作\", \"text\": \"正文\\u001b[31m内容\"}",
                Map.of()), 400, "text");
        refused("a lone surrogate", () -> submit("{" + META + ", \"title\": \"防汛\\ud800工作\", \"text\": \"正文内容。\"}",
                Map.of()), 400, "title");
        refused("NUL in a commission's title", () -> send("editor", "POST", "/api/commissions", "application/json",
                ("{\"title\": \"约稿\\u0000\", \"kinds\": [\"dynamic\"], \"deadline\": \"2099-01-01T12:00:00+08:00\", "
                        + "\"units\": [\"huangjiang\"]}").getBytes(StandardCharsets.UTF_8)), 400, "title");
        // line breaks and tabs are text
        Answer ok = submit("{" + META + ", \"title\": \"换行\\t测试\", \"text\": \"第一段。\\r\\n第二段。\"}", Map.of());
        assertThat(ok.status()).as(String.valueOf(ok.body())).isEqualTo(201);
    }

    @Test
    void datesOutsideSaneYearsAndNumbersForTextOrTimeAreRefused() {
        refused("year 999999999 in a list", () -> get("editor", "/api/submissions?from=%2B999999999-12-31"), 400, "from");
        refused("year 999999999 in the archive", () -> get("editor", "/api/search?q=x&from=%2B999999999-12-31"), 400, "from");
        refused("year 0 in the timeliness report", () -> get("editor", "/api/timeliness?from=0000-01-01"), 400, "from");
        refused("eventTime 1e308", () -> submit("{" + META + ", \"title\": \"时间测试\", \"text\": \"正文内容。\", "
                + "\"eventTime\": 1e308}", Map.of()), 400, "eventTime");
        refused("eventTime in year 20000", () -> submit("{" + META + ", \"title\": \"时间测试\", \"text\": \"正文内容。\", "
                + "\"eventTime\": \"+20000-01-01T00:00:00+08:00\"}", Map.of()), 400, "eventTime");
        refused("a number for a title", () -> submit("{" + META + ", \"title\": 123, \"text\": \"正文内容。\"}", Map.of()),
                400, "title");
        refused("true for a kind", () -> submit("{\"kind\": true, \"classification\": \"internal\", \"title\": \"类别\", "
                + "\"text\": \"正文内容。\"}", Map.of()), 400, "kind");
    }

    @Test
    void anUploadOverTheLimitAndAFileThatSaysNothingAreRefusedWithTheirReason() {
        byte[] big = new byte[26 * 1024 * 1024];
        refused("26 MB", () -> submit("{" + META + ", \"title\": \"大文件\"}", Map.of("大.docx", big)), 413, null);
        String emptyFile = submitted(Map.of("空.txt", new byte[0]));
        for (byte[] nothing : new byte[][] {{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {(byte) 0xff, (byte) 0xfe},
                "\uFEFF \n\u3000".getBytes(StandardCharsets.UTF_8)}) {
            Map<String, Long> before = stored();
            assertThat(submitted(Map.of("空.txt", nothing))).isEqualTo(emptyFile);
            assertThat(stored()).isEqualTo(before);
        }
        refused("typed text that is only a byte-order mark", () -> submit("{" + META
                + ", \"title\": \"只有标记\", \"text\": \"\\ufeff \\u200b\"}", Map.of()), 400, "text");
    }

    private String submitted(Map<String, byte[]> files) {
        Answer a = submit("{" + META + ", \"title\": \"空文件\"}", files);
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.body().get("reason").asText()).isEqualTo("EMPTY");
        return a.body().get("detail").asText();
    }

    @Test
    void camundasRestApiTakesOnlyTextWhereOurCodeReadsText() {
        String start = "/engine-rest/process-definition/key/submission/start";
        refused("a number for the title", () -> send("huangjiang-liaison", "POST", start, "application/json", """
                {"variables": {"title": {"value": 123, "type": "Integer"}, "kind": {"value": "dynamic"},
                 "classification": {"value": "internal"}, "text": {"value": "正文内容。"}}}"""
                .getBytes(StandardCharsets.UTF_8)), 400, "title");
        refused("NUL in the title", () -> send("huangjiang-liaison", "POST", start, "application/json", """
                {"variables": {"title": {"value": "防汛\\u0000", "type": "String"}, "kind": {"value": "dynamic"},
                 "classification": {"value": "internal"}, "text": {"value": "正文内容。"}}}"""
                .getBytes(StandardCharsets.UTF_8)), 400, "title");
        refused("an object to deserialize", () -> send("huangjiang-liaison", "POST", start, "application/json", """
                {"variables": {"title": {"value": "{}", "type": "Object", "valueInfo": {
                   "objectTypeName": "java.util.HashMap", "serializationDataFormat": "application/json"}},
                 "kind": {"value": "dynamic"}, "classification": {"value": "internal"}, "text": {"value": "正文。"}}}"""
                .getBytes(StandardCharsets.UTF_8)), 400, "title");
        refused("eventTime in year 99999", () -> send("huangjiang-liaison", "POST", start, "application/json", """
                {"variables": {"title": {"value": "时间"}, "kind": {"value": "dynamic"}, "classification": {"value": "internal"},
                 "text": {"value": "正文内容。"}, "eventTime": {"value": "99999-01-01T00:00"}}}"""
                .getBytes(StandardCharsets.UTF_8)), 400, "eventTime");
        refused("NUL in a task query", () -> get("editor", "/engine-rest/task?nameLike=a%00b"), 400, "nameLike");
        refused("NUL in the webapps' task query", () -> get("editor",
                "/camunda/api/engine/engine/default/task?nameLike=a%00b"), 400, "nameLike");
    }

    @Test
    void unknownAddressesAndMethodsAnswerInChinese() {
        refused("an unknown API address", () -> get("editor", "/api/no-such-thing"), 404, null);
        refused("a method not allowed", () -> send("editor", "DELETE", "/api/search", null, null), 405, null);
    }
}
