package cn.jianbao.system.embedded;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a real Elasticsearch server (the unpacked {@code integ-test-zip} distribution) as a child process.
 *
 * <p>Used by the application's "embedded default" mode and by integration tests. Everything the server
 * writes (a copy of the config, data, logs, temp files) lives under {@code dataDir}; the distribution
 * itself is never modified.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM runs as root (CI), the server is started as the
 * unprivileged uid/gid 65534 ({@code nobody}/{@code nogroup}) with {@code setpriv}, {@code dataDir} is
 * chowned to that user and, if that user cannot read the distribution where it lies (e.g. under
 * {@code /root}), the distribution is copied once into {@code dataDir/dist-<version>/}.
 *
 * <p>No shutdown hook is registered; callers decide. {@link #close()} stops the whole process tree.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);

    /** uid and gid of nobody/nogroup, used when we are root. */
    static final int UNPRIVILEGED_ID = 65534;
    /**
     * 1 GB, as in docker/compose.yaml. With a tenth of it for the indexing buffer (the default) a
     * rebuild of 100,000 items flushed ~25 small segments and merged most documents again: ~20%
     * of Elasticsearch's CPU in the rebuild ({@link #INDEX_BUFFER}).
     */
    static final String HEAP_OPTS = "-Xms1g -Xmx1g";
    /**
     * The archive is the node's only busy index: a buffer large enough to write it in a few segments,
     * and small enough to leave the heap room while a segment is written (at 40% with position offsets
     * also indexed a bulk request once waited past the client's 15 s).
     */
    static final String INDEX_BUFFER = "30%";
    static final String CLUSTER_NAME = "jianbao";
    static final String CONSOLE_LOG = "console.log";
    private static final String DIST_MARKER = ".jianbao-dist-complete";
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 60;

    private final Process process;
    private final URI uri;
    private final Path dataDir;
    private final Path consoleLog;
    private final Instant startedAt;
    private final HttpClient http;
    private boolean closed;

    private EmbeddedElasticsearch(Process process, URI uri, Path dataDir, Path consoleLog, Instant startedAt) {
        this.process = process;
        this.uri = uri;
        this.dataDir = dataDir;
        this.consoleLog = consoleLog;
        this.startedAt = startedAt;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Launches the server (does not wait for it). home = unpacked distribution; dataDir = folder owned by us
     * where config copy, data and logs live (created if missing; kept between runs).
     */
    public static EmbeddedElasticsearch start(Path home, Path dataDir) throws IOException {
        return start(home, dataDir, 0);
    }

    /** As {@link #start(Path, Path)}, on a given HTTP port (0: any free one); a restart keeps its clients' URI. */
    public static EmbeddedElasticsearch start(Path home, Path dataDir, int port) throws IOException {
        home = home.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve("bin/elasticsearch")) || !Files.isDirectory(home.resolve("lib"))) {
            throw new IOException("not an unpacked Elasticsearch distribution: " + home
                    + " (run `mvn generate-resources` to unpack it)");
        }
        Path configDir = dataDir.resolve("config");
        Path nodeDataDir = dataDir.resolve("data");
        Path logsDir = dataDir.resolve("logs");
        Path tmpDir = dataDir.resolve("tmp");
        for (Path dir : List.of(dataDir, nodeDataDir, logsDir, tmpDir)) {
            Files.createDirectories(dir);
        }
        checkNotInUse(dataDir, nodeDataDir);
        copyConfigOnce(home.resolve("config"), configDir);
        Path consoleLog = logsDir.resolve(CONSOLE_LOG);
        if (!Files.exists(consoleLog)) {
            Files.createFile(consoleLog);
        }

        Path javaHome = Path.of(System.getProperty("java.home"));
        boolean root = runningAsRoot();
        List<String> command = new ArrayList<>();
        Path effectiveHome = home;
        if (root) {
            String setpriv = findExecutable("setpriv");
            List<String> asUser = List.of(setpriv, "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups");
            if (!isUsableBy(asUser, home, javaHome)) {
                effectiveHome = copyDistributionOnce(home, dataDir);
            }
            chown(dataDir);
            if (!isUsableBy(asUser, effectiveHome, javaHome)) {
                throw new IOException("uid " + UNPRIVILEGED_ID + " cannot use the Elasticsearch distribution "
                        + effectiveHome + " or the Java runtime " + javaHome
                        + " (Elasticsearch refuses to run as root, so it runs as that user)");
            }
            if (run(concat(asUser, "test", "-d", dataDir.toString(), "-a", "-w", dataDir.toString(),
                    "-a", "-x", dataDir.toString())) != 0) {
                throw new IOException("data folder " + dataDir + " is not reachable/writable for uid "
                        + UNPRIVILEGED_ID + " (Elasticsearch refuses to run as root, so it runs as that user);"
                        + " choose a folder every user can traverse, e.g. not under /root");
            }
            command.addAll(asUser);
        }

        int httpPort = port > 0 ? port : freePort();
        int transportPort = freePort();
        while (transportPort == httpPort) {
            transportPort = freePort();
        }
        command.add(effectiveHome.resolve("bin/elasticsearch").toString());
        command.addAll(List.of(
                "-Ecluster.name=" + CLUSTER_NAME,
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                "-Expack.ml.enabled=false",
                "-Eindices.memory.index_buffer_size=" + INDEX_BUFFER,
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + nodeDataDir,
                "-Epath.logs=" + logsDir,
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        Map<String, String> env = builder.environment();
        // the zip has no bundled JDK: use the one running us
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_PATH_CONF", configDir.toString());
        env.put("ES_TMPDIR", tmpDir.toString());
        env.put("ES_JAVA_OPTS", HEAP_OPTS);
        // the launcher ignores (and warns about) these; don't let ours leak into the server
        for (String ignored : List.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "CLI_JAVA_OPTS")) {
            env.remove(ignored);
        }

        log.info("Starting Elasticsearch: {} (ES_JAVA_HOME={}, ES_PATH_CONF={}, ES_JAVA_OPTS={}{})",
                String.join(" ", command), javaHome, configDir, HEAP_OPTS,
                root ? ", as uid " + UNPRIVILEGED_ID + " because we are root" : "");
        Instant startedAt = Instant.now();
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to say on stdin
        URI uri = URI.create("http://127.0.0.1:" + httpPort);
        log.info("Elasticsearch pid {} starting on {} (transport port {}), data in {}, console log {}",
                process.pid(), uri, transportPort, dataDir, consoleLog);
        return new EmbeddedElasticsearch(process, uri, dataDir, consoleLog, startedAt);
    }

    /** http://127.0.0.1:PORT */
    public URI uri() {
        return uri;
    }

    /**
     * Blocks until GET /_cluster/health?wait_for_status=yellow answers 200 (GET / answers 405 on this
     * distribution), or throws IllegalStateException with the tail of the server's log if the process died or
     * the timeout passed.
     */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI health = uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s");
        String lastProblem = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw failure("Elasticsearch exited with code " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    log.info("Elasticsearch at {} ready after {} ms", uri,
                            Duration.between(startedAt, Instant.now()).toMillis());
                    return;
                }
                lastProblem = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                lastProblem = "not listening yet";
            } catch (HttpTimeoutException e) {
                lastProblem = "health request timed out";
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch at " + uri, e);
            }
            if (!Instant.now().isBefore(deadline)) {
                throw failure("Elasticsearch at " + uri + " not ready after " + timeout.toSeconds() + " s ("
                        + lastProblem + ")");
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch at " + uri, e);
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The launcher process (package-private, for tests). */
    ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Stops the server (SIGTERM to the process tree, then kill after ~20 s) and waits. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = processTree();
        if (tree.stream().noneMatch(ProcessHandle::isAlive)) {
            return;
        }
        Instant stopping = Instant.now();
        log.info("Stopping Elasticsearch at {} (pids {})", uri, pids(tree));
        tree.forEach(ProcessHandle::destroy); // SIGTERM: the server shuts down gracefully
        if (!awaitExit(tree, GRACEFUL_STOP)) {
            List<ProcessHandle> remaining = processTree();
            remaining.addAll(tree);
            log.warn("Elasticsearch did not stop within {} s, killing pids {}", GRACEFUL_STOP.toSeconds(),
                    pids(remaining.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList())));
            remaining.forEach(ProcessHandle::destroyForcibly);
            if (!awaitExit(remaining, FORCED_STOP)) {
                log.error("Elasticsearch processes {} survived SIGKILL",
                        pids(remaining.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList())));
            }
        }
        log.info("Elasticsearch at {} stopped in {} ms", uri, Duration.between(stopping, Instant.now()).toMillis());
    }

    // ---------------------------------------------------------------------------------------------------

    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(tree::add);
        }
        return tree;
    }

    private boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // reap our direct child through Process so it doesn't linger as a zombie
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            for (ProcessHandle handle : handles) {
                while (handle.isAlive()) {
                    if (System.nanoTime() >= deadline) {
                        return false;
                    }
                    Thread.sleep(50);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String pids(List<ProcessHandle> handles) {
        return handles.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(","));
    }

    private IllegalStateException failure(String message) {
        String tail = tail(consoleLog, LOG_TAIL_LINES);
        if (tail.contains("failed to obtain node locks")) {
            message = "data folder " + dataDir + " is in use by another Elasticsearch. " + message;
        }
        return new IllegalStateException(message + "; last lines of " + consoleLog + ":\n" + tail);
    }

    static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] buffer = new byte[size];
            raf.seek(length - size);
            raf.readFully(buffer);
            String text = new String(buffer, StandardCharsets.UTF_8);
            String[] all = text.split("\r?\n");
            int from = Math.max(size < length ? 1 : 0, all.length - lines); // first line may be cut
            return String.join("\n", Arrays.asList(all).subList(Math.min(from, all.length), all.length));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** Refuses to start when another Elasticsearch holds the node lock on this data folder. */
    private static void checkNotInUse(Path dataDir, Path nodeDataDir) throws IOException {
        Path lockFile = nodeDataDir.resolve("node.lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("data folder " + dataDir + " is in use by another Elasticsearch ("
                        + lockFile + " is locked); stop it first");
            }
            lock.release();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IOException("data folder " + dataDir + " is in use by another Elasticsearch ("
                    + lockFile + " is locked in this JVM)", e);
        }
    }

    /** Copies the distribution's config folder to {@code configDir} unless a copy already exists. */
    private static void copyConfigOnce(Path source, Path configDir) throws IOException {
        if (Files.isDirectory(configDir)) {
            return;
        }
        Path staging = configDir.resolveSibling(configDir.getFileName() + ".tmp");
        deleteRecursively(staging);
        copyTree(source, staging);
        Files.move(staging, configDir, StandardCopyOption.ATOMIC_MOVE);
        log.info("Copied Elasticsearch config {} to {}", source, configDir);
    }

    /**
     * Copies the distribution into {@code dataDir/dist-<version>} (once; a marker file written last says the
     * copy is complete) and returns the copy.
     */
    private static Path copyDistributionOnce(Path home, Path dataDir) throws IOException {
        String name = home.getFileName().toString();
        String version = name.startsWith("elasticsearch-") ? name.substring("elasticsearch-".length()) : name;
        Path copy = dataDir.resolve("dist-" + version);
        Path marker = copy.resolve(DIST_MARKER);
        if (Files.isRegularFile(marker)) {
            log.info("uid {} cannot read {}, using the copy in {}", UNPRIVILEGED_ID, home, copy);
            return copy;
        }
        log.info("uid {} cannot read {}, copying the distribution to {}", UNPRIVILEGED_ID, home, copy);
        deleteRecursively(copy);
        copyTree(home, copy);
        Files.writeString(marker, home + "\n", StandardCharsets.UTF_8);
        return copy;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                try {
                    Files.copy(dir, to, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (FileAlreadyExistsException e) {
                    // fine
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the effective uid of this process
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer) {
                return (Integer) uid == 0;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // fall back to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Asks the unprivileged user itself whether it can run java and read the distribution. */
    private static boolean isUsableBy(List<String> asUser, Path home, Path javaHome) throws IOException {
        String script = "test -x \"$1\" && test -x \"$2/bin/elasticsearch\" && test -r \"$2/bin/elasticsearch-env\""
                + " && test -z \"$(find \"$2/bin\" \"$2/lib\" \"$2/modules\" ! -readable -print -quit 2>&1)\"";
        return run(concat(asUser, "sh", "-c", script, "sh",
                javaHome.resolve("bin/java").toString(), home.toString())) == 0;
    }

    private static void chown(Path dir) throws IOException {
        int exit = run(List.of("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, dir.toString()));
        if (exit != 0) {
            throw new IOException("chown -R " + UNPRIVILEGED_ID + " " + dir + " failed with exit code " + exit);
        }
    }

    private static int run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static List<String> concat(List<String> prefix, String... rest) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(rest));
        return all;
    }

    private static String findExecutable(String name) throws IOException {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("running as root but `" + name + "` (util-linux) is not installed;"
                + " Elasticsearch refuses to run as root and needs it to switch to uid " + UNPRIVILEGED_ID);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
