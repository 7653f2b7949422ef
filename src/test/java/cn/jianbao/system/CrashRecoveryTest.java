package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.jianbao.testing.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A crash as the OOM killer or a kill -9 would make it: the application is started with the
 * README's command, loaded with submissions and publications, killed with SIGKILL, and started
 * again with the same command. It must come up by itself (the embedded servers did not outlive
 * it), with every acknowledged submission and its open task, and the archive caught up.
 */
class CrashRecoveryTest {

    private final ObjectMapper json = new ObjectMapper();
    private Path data;
    private AppProcess app;

    @AfterEach
    void stopAndClean() throws Exception {
        if (app != null) {
            app.stop(); // SIGTERM: a normal shutdown stops the servers
        }
        AppProcess.delete(data);
    }

    @Test
    void afterAKill9TheReadmeCommandBringsEverythingBack() throws Exception {
        data = AppProcess.dataFolder("jianbao-crash-");
        app = new AppProcess(data, AppProcess.freePort(), Map.of("JIANBAO_DEMO_SUBMISSIONS", "false"));
        app.start();

        // items on their way to publication, published while submissions pour in
        List<String> toPublish = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = submit("崩溃前刊发" + i);
            decide(id, "huangjiang-leader", "{\"decision\":{\"value\":\"approve\"}}");
            decide(id, "editor", "{\"decision\":{\"value\":\"approve\"}}");
            decide(id, "signer", "{\"adoption\":{\"value\":\"standalone\"}}");
            toPublish.add(id);
        }
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            clients.submit(() -> {
                while (loading.get()) {
                    try {
                        acknowledged.add(submit("崩溃测试" + UUID.randomUUID()));
                    } catch (Exception e) {
                        // the crash: requests in flight fail, only acknowledged ones count
                    }
                }
                return null;
            });
        }
        for (String id : toPublish) {
            String issue = json.readTree(post("editor", "/api/issues", "{\"series\":\"briefing\",\"title\":\"崩溃测试专刊\","
                    + "\"submissionIds\":[\"" + id + "\"],\"distribution\":{\"issue\":[\"huangjiang\"]}}").body())
                    .get("id").asText();
            decide(issue, "editor", "{}");
            decide(issue, "signer", "{\"decision\":{\"value\":\"approve\"}}");
        }
        // mid-work: the clients have been acknowledged a few times since the issues were signed
        int signed = acknowledged.size();
        await("submissions acknowledged while it works").atMost(Duration.ofSeconds(60))
                .until(() -> acknowledged.size() >= signed + 3);
        List<Long> servers = serverPids();
        assertThat(servers).as("the embedded servers' pids are recorded").isNotEmpty();
        app.kill(); // SIGKILL
        loading.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        assertThat(acknowledged).as("submissions acknowledged before the crash").isNotEmpty();

        // the watchdog stops the orphaned servers within seconds
        long killedAt = System.nanoTime();
        await("no embedded server outlives the application").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                .until(() -> servers.stream().noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)));

        long serversGone = (System.nanoTime() - killedAt) / 1_000_000;
        long restartAt = System.nanoTime();
        app.start();
        System.out.printf("crash test: %d submissions acknowledged before the SIGKILL; embedded servers gone %d ms after"
                + " it; the README's command up again in %d s%n", acknowledged.size(), serversGone,
                (System.nanoTime() - restartAt) / 1_000_000_000);
        for (String id : acknowledged) {
            JsonNode item = json.readTree(get("admin", "/api/submissions/" + id).body());
            assertThat(item.get("status").asText()).as(id).isEqualTo("leader_approval");
            JsonNode tasks = json.readTree(get("admin", "/engine-rest/task?processInstanceBusinessKey=" + id).body());
            assertThat(tasks).as("open task of %s", id).hasSize(1);
        }
        await("the archive's backlog drained").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> json.readTree(get("admin", "/api/archive/status").body()).path("pending").asLong() == 0);
        for (String id : toPublish) {
            assertThat(json.readTree(get("admin", "/api/submissions/" + id).body()).get("status").asText())
                    .isEqualTo("published");
        }
        JsonNode found = json.readTree(get("editor", "/api/search?q=" + java.net.URLEncoder.encode("\"崩溃前刊发\"",
                StandardCharsets.UTF_8) + "&size=10").body());
        assertThat(found.get("total").asLong()).as("the archive caught up").isEqualTo(3);
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return app.get(user, path);
    }

    private HttpResponse<String> post(String user, String path, String body) throws Exception {
        return app.post(user, path, body);
    }

    private String submit(String title) throws Exception {
        return app.submit("huangjiang-liaison", title);
    }

    private void decide(String businessKey, String user, String variables) throws Exception {
        app.decide(businessKey, user, variables);
    }

    private List<Long> serverPids() throws IOException {
        return Files.readAllLines(data.resolve("embedded.pids")).stream().map(l -> l.split("\\s+"))
                .filter(p -> p.length == 3).map(p -> Long.parseLong(p[1])).toList();
    }
}
