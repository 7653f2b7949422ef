package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jianbao.testing.AppProcess;
import cn.jianbao.testing.CookieSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one machine, as the operations guide runs them in development: node A
 * with the README's command runs the embedded servers, node B with the same command and A's
 * {@code embedded.env} starts none of its own. Work through one node is the other's, a browser's
 * session moves between them, and the daily 催报 run, firing every two seconds on both, starts once.
 * Production's two nodes behind nginx, with a node killed under load, are {@link ProductionRehearsalIT}.
 */
class TwoNodesTest {

    private final List<Path> folders = new ArrayList<>();
    private final List<AppProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopAndClean() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop(); // B first; A's shutdown stops the servers
        }
        for (Path folder : folders) {
            // the nodes' logs stay in target/ for a look after a failure
            if (Files.exists(folder.resolve("run.log"))) {
                Files.copy(folder.resolve("run.log"), Path.of("target", folder.getFileName() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            AppProcess.delete(folder);
        }
    }

    private Path folder(String name) throws Exception {
        Path p = AppProcess.dataFolder("jianbao-" + name + "-");
        folders.add(p);
        return p;
    }

    @Test
    void aSecondNodeUsesTheFirstOnesServersAndSharesItsWork() throws Exception {
        Map<String, String> env = Map.of(
                "JIANBAO_DEMO_SUBMISSIONS", "false",
                // the daily run, every two seconds on both nodes: it must still start once a day
                "JIANBAO_QUOTAS_REMIND_CRON", "*/2 * * * * *",
                "JIANBAO_QUOTAS_REMIND_DAYS_BEFORE", "31");
        AppProcess a = new AppProcess(folder("node-a"), AppProcess.freePort(), env);
        nodes.add(a);
        a.start();
        Map<String, String> envB = new HashMap<>(env);
        envB.putAll(readEnv(a.data().resolve("embedded.env")));
        AppProcess b = new AppProcess(folder("node-b"), AppProcess.freePort(), envB);
        nodes.add(b);
        b.start();
        assertThat(b.data().resolve("embedded.pids")).as("node B starts no servers of its own").doesNotExist();

        // a browser session made on one node is the same session on the other, changes included
        CookieSession liaison = CookieSession.login(a.port(), "qingxi-liaison", "demo");
        CookieSession moved = liaison.at(b.port());
        assertThat(moved.get("/api/me").body()).contains("qingxi-liaison");
        HttpResponse<String> change = moved.send("PUT", "/api/me/notification-settings", "application/json",
                "{\"email\":false}".getBytes(StandardCharsets.UTF_8), moved.csrf());
        assertThat(change.statusCode()).as(change.body()).isEqualTo(200);

        // an item submitted through B is decided through A, and found by both
        String id = b.submit("huangjiang-liaison", "双节点共享");
        a.decide(id, "huangjiang-leader", "{\"decision\":{\"value\":\"approve\"}}");
        assertThat(b.getJson("admin", "/api/submissions/" + id).get("status").asText()).isEqualTo("office_review");
        await("the archive has it on both nodes").atMost(Duration.ofSeconds(60))
                .until(() -> searchTotal(a, "\"双节点共享\"") == 1 && searchTotal(b, "\"双节点共享\"") == 1);

        // the daily run has fired on both nodes for a while: one run today, one process
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String runs = "/engine-rest/history/process-instance/count?processDefinitionKey=quotaReminders"
                + "&processInstanceBusinessKey=" + today;
        await("the daily run started").atMost(Duration.ofSeconds(30)).until(() -> a.getJson("admin", runs).get("count").asInt() >= 1);
        // and stays one while both nodes fire twice more
        await("one daily run").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> b.getJson("admin", runs).get("count").asInt() == 1);
    }

    private static long searchTotal(AppProcess node, String q) {
        try {
            return node.getJson("editor", "/api/search?size=1&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8))
                    .get("total").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    /** KEY='value' lines, as the node running the embedded servers writes them. */
    private static Map<String, String> readEnv(Path file) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
            }
        }
        return out;
    }
}
