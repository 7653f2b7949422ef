package cn.jianbao.system.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded servers never outlive the application. While it runs, their process ids are kept in
 * {@code <data>/embedded.pids}, and a watchdog process stops them within a second or two of the
 * application's end, however it ended (a kill -9, the OOM killer). Should the watchdog have been
 * killed too, the next start finds the servers by that file (and PostgreSQL's own postmaster.pid)
 * and stops them before starting its own: a crash never blocks the next start.
 */
final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    static final String FILE = "embedded.pids";
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** One server process: what it is (postgres gets a fast shutdown, others SIGTERM), its pid and start. */
    record Server(String kind, long pid, long startMillis) {
        static Optional<Server> of(String kind, ProcessHandle handle) {
            return handle.info().startInstant().map(s -> new Server(kind, handle.pid(), s.toEpochMilli()));
        }

        /** The same process as recorded, not a later one that got its pid. */
        Optional<ProcessHandle> running() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                    .map(s -> Math.abs(s.toEpochMilli() - startMillis) < 1000).orElse(false));
        }
    }

    private Leftovers() {
    }

    /** Stops whatever a crashed run left running on this data folder. */
    static void stop(Path dataDir) {
        List<ProcessHandle> found = new ArrayList<>();
        read(dataDir.resolve(FILE)).forEach(s -> s.running().ifPresent(found::add));
        postmaster(dataDir.resolve("postgres")).ifPresent(h -> {
            if (found.stream().noneMatch(f -> f.pid() == h.pid())) {
                found.add(h);
            }
        });
        if (found.isEmpty()) {
            return;
        }
        log.warn("Stopping embedded servers left running by an earlier run on {} (pids {}): the application "
                + "ended without stopping them", dataDir, found.stream().map(h -> Long.toString(h.pid())).toList());
        found.forEach(ProcessHandle::destroy); // SIGTERM: PostgreSQL and Elasticsearch shut down cleanly
        Instant deadline = Instant.now().plus(GRACE);
        while (found.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        found.stream().filter(ProcessHandle::isAlive).forEach(h -> {
            log.warn("pid {} did not stop within {} s, killing it", h.pid(), GRACE.toSeconds());
            h.destroyForcibly();
        });
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            log.debug("Could not delete {}", dataDir.resolve(FILE), e);
        }
    }

    /** Records the servers now running, for the watchdog and for the next start. */
    static synchronized void record(Path dataDir, List<Server> servers) {
        Path file = dataDir.resolve(FILE);
        try {
            Path tmp = dataDir.resolve(FILE + ".tmp");
            StringBuilder text = new StringBuilder();
            servers.forEach(s -> text.append(s.kind()).append(' ').append(s.pid()).append(' ').append(s.startMillis())
                    .append('\n'));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Could not record the embedded servers' pids in {}", file, e);
        }
    }

    static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            log.debug("Could not delete {}", dataDir.resolve(FILE), e);
        }
    }

    /**
     * A watchdog: a shell that waits for this JVM to end, then stops the recorded servers (PostgreSQL
     * with SIGINT, a fast shutdown; Elasticsearch with SIGTERM). A normal shutdown removes the file
     * first, and the watchdog then does nothing.
     */
    static void watch(Path dataDir) {
        // the list is re-read every second and kept, so it is known even if the folder goes with the JVM
        String script = """
                servers=""
                while kill -0 "$1" 2>/dev/null; do
                  if [ -f "$2" ]; then servers=$(cat "$2"); else servers=""; fi
                  sleep 1
                done
                echo "$servers" | while read -r kind pid start; do
                  [ -n "$pid" ] || continue
                  if [ "$kind" = postgres ]; then kill -INT "$pid" 2>/dev/null; else kill -TERM "$pid" 2>/dev/null; fi
                done
                """;
        try {
            new ProcessBuilder("/bin/sh", "-c", script, "jianbao-watchdog", Long.toString(ProcessHandle.current().pid()),
                    dataDir.resolve(FILE).toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.warn("No watchdog for the embedded servers ({}); after a crash the next start stops them", e.getMessage());
        }
    }

    /** PostgreSQL's own record of its postmaster, if that process still runs on this data folder. */
    static Optional<ProcessHandle> postmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            if (!Files.isReadable(cmdline)) {
                return Optional.empty();
            }
            String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            return command.contains(pgData.toAbsolutePath().normalize().toString())
                    ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Server> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(l -> l.strip().split("\\s+")).filter(p -> p.length == 3)
                    .map(p -> new Server(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]))).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
