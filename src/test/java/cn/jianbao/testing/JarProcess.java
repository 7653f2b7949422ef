package cn.jianbao.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as production runs it: {@code java -jar} with nothing but the given
 * environment (and {@code PATH}/{@code HOME}), its output appended to a log file. Started, killed
 * (SIGKILL) and stopped (SIGTERM) as an operator or the machine would.
 */
public final class JarProcess {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public JarProcess(String name, Path jar, int port, Map<String, String> env, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = new LinkedHashMap<>(env);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** Starts it and waits until its health answers UP; returns how long that took. */
    public Duration start(Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().putAll(env);
        Files.writeString(log, "\n=== " + name + " started " + java.time.Instant.now() + " ===\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        long t0 = System.nanoTime();
        process = builder.start();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited while starting (" + process.exitValue() + "); see " + log);
            }
            if (healthy()) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " did not come up within " + timeout + "; see " + log);
    }

    private boolean healthy() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as the OOM killer or a pulled plug would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator's restart: requests in flight finish, then it exits; returns how long that took. */
    public Duration stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return Duration.ZERO;
        }
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within 90 s of SIGTERM; see " + log);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    public int exitValue() {
        return process.exitValue();
    }
}
