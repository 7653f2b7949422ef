package cn.jianbao.testing;

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
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The application as a separate process, started with the README's command ({@code ./mvnw
 * spring-boot:run}) in its own data folder and port, with extra environment: what an operator
 * runs. Requests go to it as the demo users (password {@code demo}) with HTTP Basic.
 */
public final class AppProcess {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final int port;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process maven;

    public AppProcess(Path data, int port, Map<String, String> env) {
        this.data = data;
        this.port = port;
        this.env = new LinkedHashMap<>(env);
    }

    /** A fresh data folder the embedded servers (run as another user when we are root) can enter. */
    public static Path dataFolder(String prefix) throws IOException {
        return Files.createTempDirectory(prefix, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** A data folder and everything in it; nothing if it is not there. */
    public static void delete(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path data() {
        return data;
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** Starts it and waits until it answers signed-in requests (at most 5 minutes). */
    public void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("./mvnw", "-B", "-q", "-ntp", "spring-boot:run")
                .directory(PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("run.log").toFile()));
        builder.environment().put("JIANBAO_DATA_DIR", data.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().putAll(env);
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
            if (!maven.isAlive()) {
                throw new AssertionError("the application exited while starting; see " + data.resolve("run.log"));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not come up within 5 minutes; see " + data.resolve("run.log"));
    }

    /** The application's JVM, forked by the Maven plugin (its command line is too long for ProcessHandle.Info). */
    public Optional<ProcessHandle> jvm() {
        if (maven == null) {
            return Optional.empty();
        }
        return maven.toHandle().descendants().filter(h -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
                        StandardCharsets.UTF_8).contains("cn.jianbao.JianbaoApplication");
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
    }

    /** SIGKILL, as the OOM killer or a pulled plug would end it. */
    public void kill() throws InterruptedException {
        jvm().orElseThrow().destroyForcibly();
        maven.waitFor(60, TimeUnit.SECONDS);
    }

    /** A normal shutdown (SIGTERM), which also stops the embedded servers it started. */
    public void stop() throws InterruptedException {
        if (maven != null) {
            jvm().ifPresent(ProcessHandle::destroy);
            maven.waitFor(90, TimeUnit.SECONDS);
            maven.destroyForcibly();
        }
    }

    public boolean alive() {
        return maven != null && maven.isAlive();
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String user, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(user, path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> send(String method, String user, String path, String body)
            throws IOException, InterruptedException {
        return http.send(request(user, path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String user, String path, String body) throws IOException, InterruptedException {
        return send("POST", user, path, body);
    }

    /** A public item with a short text, submitted by a liaison; returns its id once acknowledged (201). */
    public String submit(String liaison, String title) throws IOException, InterruptedException {
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json"
                + "\r\n\r\n{\"title\":\"" + title + "\",\"kind\":\"dynamic\",\"classification\":\"public\",\"text\":\""
                + title + "：本单位的正文。\"}\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = http.send(request(liaison, "/api/submissions")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("submit: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** Completes the one open task of a submission or an issue as the given user. */
    public void decide(String businessKey, String user, String variables) throws IOException, InterruptedException {
        JsonNode tasks = getJson(user, "/engine-rest/task?processInstanceBusinessKey=" + businessKey);
        if (tasks.size() != 1) {
            throw new IOException(user + " has " + tasks.size() + " task(s) for " + businessKey);
        }
        HttpResponse<String> r = post(user, "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
                "{\"variables\":" + variables + "}");
        if (r.statusCode() != 204) {
            throw new IOException("complete: " + r.statusCode() + " " + r.body());
        }
    }
}
