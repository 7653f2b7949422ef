package cn.jianbao.system;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the backup tests do before a backup and look at after the restore, through the application
 * as its users would: a published issue with its printed form, an item waiting for its leader.
 */
final class BackupWork {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Titles: {@code prefix + "前刊发" + tag} (published), {@code prefix + "前待审" + tag} (waiting). */
    record Before(String published, String issue, String waiting, String docxSha256) {
    }

    private BackupWork() {
    }

    /** The work, done once it is searchable. */
    static Before doBefore(AppProcess app, String prefix, String tag) throws Exception {
        String published = app.submit("huangjiang-liaison", prefix + "前刊发" + tag);
        app.decide(published, "huangjiang-leader", "{\"decision\":{\"value\":\"approve\"}}");
        app.decide(published, "editor", "{\"decision\":{\"value\":\"approve\"}}");
        app.decide(published, "signer", "{\"adoption\":{\"value\":\"standalone\"}}");
        String issue = JSON.readTree(app.post("editor", "/api/issues", "{\"series\":\"briefing\",\"title\":\"" + prefix
                + "测试专刊\",\"submissionIds\":[\"" + published + "\"],\"distribution\":{\"issue\":[\"huangjiang\"]}}")
                .body()).get("id").asText();
        app.decide(issue, "editor", "{}");
        app.decide(issue, "signer", "{\"decision\":{\"value\":\"approve\"}}");
        String waiting = app.submit("huangjiang-liaison", prefix + "前待审" + tag);
        String docx = docxSha256(app, issue);
        awaitFound(app, prefix + "前刊发" + tag, 1);
        return new Before(published, issue, waiting, docx);
    }

    static String docxSha256(AppProcess app, String issue) throws Exception {
        return app.get("editor", "/api/issues/" + issue + "/document?format=docx").headers()
                .firstValue("X-Content-SHA256").orElseThrow();
    }

    static String status(AppProcess app, String id) throws Exception {
        return JSON.readTree(app.get("admin", "/api/submissions/" + id).body()).get("status").asText();
    }

    /** The editor's search for a quoted phrase. */
    static JsonNode search(AppProcess app, String q) throws Exception {
        return JSON.readTree(app.get("editor", "/api/search?q=" + URLEncoder.encode("\"" + q + "\"",
                StandardCharsets.UTF_8)).body());
    }

    static void awaitFound(AppProcess app, String q, long expected) throws Exception {
        await("search for " + q + " finds " + expected).atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(250)).until(() -> search(app, q).path("total").asLong(-1) == expected);
    }
}
