package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A crash as the OOM killer or a kill -9 would make it: the application is started with the
 * README's command, loaded with submissions and publications, killed with SIGKILL, and started
 * again with the same command. It must come up by itself (the embedded servers did not outlive
 * it), with every acknowledged submission and its open task, and the archive caught up.
 */
class CrashRecoveryTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path data;
    private int port;
    private Process maven;

    @AfterEach
    void stopAndClean() throws Exception {
        if (maven != null) {
            application().ifPresent(ProcessHandle::destroy); // SIGTERM: a normal shutdown stops the servers
            maven.waitFor(90, TimeUnit.SECONDS);
            maven.destroyForcibly();
        }
        if (data != null) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void afterAKill9TheReadmeCommandBringsEverythingBack() throws Exception {
        data = Files.createTempDirectory("jianbao-crash-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start();

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
        Thread.sleep(3000);
        List<Long> servers = serverPids();
        assertThat(servers).as("the embedded servers' pids are recorded").isNotEmpty();
        application().orElseThrow().destroyForcibly(); // SIGKILL
        loading.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        maven.waitFor(60, TimeUnit.SECONDS);
        assertThat(acknowledged).as("submissions acknowledged before the crash").isNotEmpty();

        // the watchdog stops the orphaned servers within seconds
        long killedAt = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (servers.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(servers).as("no embedded server outlives the application")
                .noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));

        long serversGone = (System.nanoTime() - killedAt) / 1_000_000;
        long restartAt = System.nanoTime();
        start();
        System.out.printf("crash test: %d submissions acknowledged before the SIGKILL; embedded servers gone %d ms after"
                + " it; the README's command up again in %d s%n", acknowledged.size(), serversGone,
                (System.nanoTime() - restartAt) / 1_000_000_000);
        for (String id : acknowledged) {
            JsonNode item = json.readTree(get("admin", "/api/submissions/" + id).body());
            assertThat(item.get("status").asText()).as(id).isEqualTo("leader_approval");
            JsonNode tasks = json.readTree(get("admin", "/engine-rest/task?processInstanceBusinessKey=" + id).body());
            assertThat(tasks).as("open task of %s", id).hasSize(1);
        }
        long archiveDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (json.readTree(get("admin", "/api/archive/status").body()).path("pending").asLong() > 0
                && System.nanoTime() < archiveDeadline) {
            Thread.sleep(250);
        }
        for (String id : toPublish) {
            assertThat(json.readTree(get("admin", "/api/submissions/" + id).body()).get("status").asText())
                    .isEqualTo("published");
        }
        JsonNode found = json.readTree(get("editor", "/api/search?q=" + java.net.URLEncoder.encode("崩溃前刊发",
                StandardCharsets.UTF_8) + "&size=10").body());
        assertThat(found.get("total").asLong()).as("the archive caught up").isEqualTo(3);
    }

    // --- the application as a separate process, started as the README says ---

    private void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("./mvnw", "-B", "-q", "-ntp", "spring-boot:run")
                .directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("run.log").toFile()));
        builder.environment().put("JIANBAO_DATA_DIR", data.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("JIANBAO_DEMO_SUBMISSIONS", "false");
        builder.environment().remove("MAVEN_OPTS");
        maven = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200
                        && get("admin", "/api/me").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            assertThat(maven.isAlive()).as("the application exited while starting; see %s", data.resolve("run.log"))
                    .isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not come up within 5 minutes; see " + data.resolve("run.log"));
    }

    /** The application's JVM, forked by the Maven plugin (its command line is too long for ProcessHandle.Info). */
    private Optional<ProcessHandle> application() {
        return maven.toHandle().descendants().filter(h -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
                        StandardCharsets.UTF_8).contains("cn.jianbao.JianbaoApplication");
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
    }

    private List<Long> serverPids() throws IOException {
        return Files.readAllLines(data.resolve("embedded.pids")).stream().map(l -> l.split("\\s+"))
                .filter(p -> p.length == 3).map(p -> Long.parseLong(p[1])).toList();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String user, String path, String body) throws Exception {
        return http.send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String submit(String title) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json"
                + "\r\n\r\n{\"title\":\"" + title + "\",\"kind\":\"dynamic\",\"classification\":\"public\",\"text\":\""
                + title + "：黄江镇的正文。\"}\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = http.send(request("huangjiang-liaison", "/api/submissions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("submit: " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body()).get("id").asText();
    }

    /** Completes the one open task of a submission or an issue as the given user. */
    private void decide(String businessKey, String user, String variables) throws Exception {
        JsonNode tasks = json.readTree(get(user, "/engine-rest/task?processInstanceBusinessKey=" + businessKey).body());
        assertThat(tasks).as("%s's task for %s", user, businessKey).hasSize(1);
        HttpResponse<String> r = post(user, "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
                "{\"variables\":" + variables + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }
}
