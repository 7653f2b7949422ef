package cn.jianbao.system.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL and Elasticsearch servers of the embedded default. One set per data
 * folder and JVM, shared by every application context in it (tests cache several), and
 * stopped when the last context using it closes.
 */
final class EmbeddedServices {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);
    private static final Map<Path, EmbeddedServices> running = new HashMap<>();

    private final Path dataDir;
    private final boolean ephemeral;
    private final boolean durable;
    private EmbeddedPostgres postgres;
    private EmbeddedElasticsearch elasticsearch;
    private Path elasticsearchHome;
    private int users;

    private EmbeddedServices(Path dataDir, boolean ephemeral, boolean durable) {
        this.dataDir = dataDir;
        this.ephemeral = ephemeral;
        this.durable = durable;
    }

    static synchronized EmbeddedServices acquire(Path dataDir, boolean ephemeral, boolean durable, boolean postgres,
                                                 Path elasticsearchHome) {
        Path key = dataDir.toAbsolutePath().normalize();
        EmbeddedServices services = running.computeIfAbsent(key, k -> new EmbeddedServices(k, ephemeral, durable));
        services.ensureStarted(postgres, elasticsearchHome);
        services.users++;
        return services;
    }

    synchronized void release() {
        if (--users > 0) {
            return;
        }
        synchronized (EmbeddedServices.class) {
            running.remove(dataDir);
        }
        stop();
    }

    private void ensureStarted(boolean needPostgres, Path elasticsearchHome) {
        try {
            Files.createDirectories(dataDir);
            if (postgres == null && elasticsearch == null) {
                Leftovers.stop(dataDir);
                Leftovers.watch(dataDir);
            }
            // Elasticsearch takes ~30 s: launch it first and let PostgreSQL and the engine start meanwhile.
            if (elasticsearchHome != null && elasticsearch == null) {
                this.elasticsearchHome = elasticsearchHome;
                elasticsearch = EmbeddedElasticsearch.start(elasticsearchHome, dataDir.resolve("elasticsearch"));
            }
            if (needPostgres && postgres == null) {
                startPostgres(0);
            }
            recordPids();
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Could not start the embedded services in " + dataDir, e);
        }
    }

    /**
     * PostgreSQL as the office's data deserves: every acknowledged commit on disk (fsync, synchronous
     * commit, full page writes; the embedded library's default is asynchronous commit). Only
     * throw-away test data may run without ({@code jianbao.embedded.durable=false}).
     */
    private void startPostgres(int port) throws IOException {
        long t0 = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                // stopped by release() once the engine is closed, not by a JVM hook racing it
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        postgres = builder.start();
        log.info("Embedded PostgreSQL ready on port {} in {} ms (data in {})", postgres.getPort(),
                (System.nanoTime() - t0) / 1_000_000, dataDir.resolve("postgres"));
    }

    /** What runs now, for the watchdog and the next start (Elasticsearch's tree grows once it is up). */
    synchronized void recordPids() {
        List<Leftovers.Server> servers = new ArrayList<>();
        if (postgres != null) {
            Leftovers.postmaster(dataDir.resolve("postgres"))
                    .flatMap(h -> Leftovers.Server.of("postgres", h)).ifPresent(servers::add);
        }
        if (elasticsearch != null && elasticsearch.isAlive()) {
            ProcessHandle launcher = elasticsearch.processHandle();
            Stream.concat(Stream.of(launcher), launcher.descendants())
                    .forEach(h -> Leftovers.Server.of("elasticsearch", h).ifPresent(servers::add));
        }
        Leftovers.record(dataDir, servers);
    }

    /** Stops the database, as an outage would (tests). */
    synchronized void stopPostgres() throws IOException {
        if (postgres != null) {
            lastPostgresPort = postgres.getPort();
            postgres.close();
            postgres = null;
        }
    }

    /** Starts it again on the same port and data, so the connection pool reconnects by itself. */
    synchronized void restartPostgres() throws IOException {
        if (postgres == null) {
            startPostgres(lastPostgresPort);
            recordPids();
        }
    }

    private int lastPostgresPort;

    Map<String, Object> connectionProperties() {
        Map<String, Object> props = new HashMap<>();
        if (postgres != null) {
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "postgres");
        }
        if (elasticsearch != null) {
            props.put("spring.elasticsearch.uris", elasticsearch.uri().toString());
        }
        return props;
    }

    EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }

    /** Stops the search server, as an outage would (tests). */
    synchronized void stopElasticsearch() {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    /** Starts it again on the same port and data, so clients reconnect by themselves. */
    synchronized void restartElasticsearch(Duration timeout) {
        if (elasticsearch != null && elasticsearch.isAlive()) {
            return;
        }
        try {
            elasticsearch = EmbeddedElasticsearch.start(elasticsearchHome, dataDir.resolve("elasticsearch"),
                    elasticsearch.uri().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        elasticsearch.awaitReady(timeout);
        recordPids();
    }

    private synchronized void stop() {
        Leftovers.forget(dataDir);
        if (elasticsearch != null) {
            elasticsearch.close();
            elasticsearch = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
            postgres = null;
        }
        if (ephemeral) {
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}", dir, e);
        }
    }
}
