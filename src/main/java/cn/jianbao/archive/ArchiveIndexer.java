package cn.jianbao.archive;

import cn.jianbao.publication.IssuePublished;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox into Elasticsearch. While Elasticsearch is away entries stay queued and
 * are retried with growing pauses (at most {@code jianbao.archive.max-backoff}); the pending
 * count is at {@code GET /api/archive/status}. It catches up by itself when Elasticsearch returns.
 */
@Component
class ArchiveIndexer {

    private static final Logger log = LoggerFactory.getLogger(ArchiveIndexer.class);
    private static final int BATCH = 200;
    private static final int REBUILD_BATCH = 500;

    private final ArchiveOutbox outbox;
    private final ArchiveEntries entries;
    private final ArchiveIndex index;
    private final ArchiveProperties properties;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final CoalescedRuns wake;
    private volatile boolean failing;
    private volatile boolean upgraded;

    ArchiveIndexer(ArchiveOutbox outbox, ArchiveEntries entries, ArchiveIndex index, ArchiveProperties properties,
                   TransactionTemplate tx, JdbcClient jdbc, javax.sql.DataSource dataSource,
                   @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        // on Spring's task executor, one drain running and one pending at most
        this.wake = new CoalescedRuns("Archive indexing after a publication", executor, this::drain);
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.entries = entries;
        this.index = index;
        this.properties = properties;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /**
     * Index right after the publication commits, instead of waiting for the next poll. (Spring Modulith's
     * registry records every after-commit listener; a fixed id keeps a record made before a rename its own.)
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, id = "archive.index-after-publication")
    void afterPublication(IssuePublished event) {
        wake.ask();
    }

    /**
     * Once at the start (again at the next poll while Elasticsearch is away): an index made by an
     * earlier version, or out of step with the database, is rebuilt. Returns whether it was.
     */
    boolean bringInStep() throws java.io.IOException {
        index.ensureIndex();
        if (index.needsRebuild()) {
            log.info("Archive index made by an earlier version (no word fields, or another analyzer): rebuilding it");
        } else if (!outOfStep()) {
            return false;
        }
        rebuild();
        return true;
    }

    /**
     * The index against the database, once at the start. Behind: fewer items indexed or queued than
     * stored (a new or emptied Elasticsearch). Ahead: documents stamped after the database's last stamp,
     * or more of them than items stored - the database was restored from a backup, and the index holds
     * what it no longer has (items stored after the backup, later stages with their wider readers).
     * Counted in an order (indexed, stored, queued, indexed again) in which an item moving on meanwhile
     * is counted twice rather than missed: never a rebuild for nothing.
     */
    private boolean outOfStep() throws java.io.IOException {
        long indexedFirst = index.count();
        // the index's stamp first: every stamp in it was committed before its write, so the database's,
        // read after, is at least as high unless the database went back
        long highestStamp = index.highestStamp();
        long lastStamp = entries.lastStamp();
        long stored = entries.count();
        long queued = outbox.status().pending();
        long indexed = index.count();
        if (highestStamp > lastStamp || indexedFirst > stored) {
            log.info("Archive index holds changes the database does not have ({} document(s) for {} stored item(s), "
                    + "stamp {} above the database's {}: a database restored from a backup): rebuilding it",
                    indexedFirst, stored, highestStamp, lastStamp);
            return true;
        }
        if (indexed + queued < stored) {
            log.info("Archive index holds {} of {} stored item(s), {} queued (a new or emptied Elasticsearch): "
                    + "rebuilding it", indexed, stored, queued);
            return true;
        }
        return false;
    }

    /** Also polls: retries after an outage, and anything a lost wake-up left behind. */
    @Scheduled(fixedDelayString = "${jianbao.archive.poll-interval:1s}", initialDelayString = "${jianbao.archive.poll-interval:1s}")
    void drain() {
        if (!upgraded) {
            try {
                bringInStep();
                upgraded = true;
            } catch (Exception e) {
                return; // Elasticsearch away: tried again at the next poll
            }
        }
        Integer n;
        try {
            do {
                n = tx.execute(status -> drainBatch());
            } while (n != null && n == BATCH);
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            // the database went away mid-batch (the batch's transaction spans Elasticsearch's refresh): nothing
            // was taken off the queue, the next poll tries again
            if (!failing) {
                log.warn("Archive indexing paused, the database is unavailable: {}", e.getMessage());
                failing = true;
            }
        }
    }

    private int drainBatch() {
        List<UUID> due = outbox.lockDue(BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        try {
            index.ensureIndex();
            List<ArchiveEntry> loaded = entries.load(due);
            entries.saveWords(index.index(loaded, entries.nextStamp(), true));
            outbox.done(due);
            if (failing) {
                log.info("Archive indexing works again: {} item(s) indexed", due.size());
                failing = false;
            }
            return due.size();
        } catch (Exception e) {
            outbox.failed(due, e.toString(), properties.maxBackoff());
            if (!failing) {
                log.warn("Archive indexing failed, {} item(s) stay queued and are retried: {}", due.size(), e.toString());
                failing = true;
            }
            return 0;
        }
    }

    /** A second rebuild asked for while one runs. */
    static final class RebuildRunning extends RuntimeException {
        RebuildRunning() {
            super("a rebuild is already running");
        }
    }

    /** How far a rebuild has come (also the last one's result), for {@code GET /api/archive/status}. */
    record Progress(boolean running, long done, long total, OffsetDateTime startedAt, Long tookMs, String error) {
    }

    private volatile Progress progress;
    private final java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean();

    Progress progress() {
        return progress;
    }

    /** A rebuild an administrator asks for (the archive page, {@code POST /api/archive/rebuild}). */
    int rebuild(cn.jianbao.directory.Person person) throws java.io.IOException {
        cn.jianbao.access.WritePolicy.require(person, cn.jianbao.access.WritePolicy.Action.REBUILD_ARCHIVE);
        return rebuild();
    }

    /**
     * Rebuilds the index from the database into a fresh index, swapped in when complete (searches
     * keep using the old one meanwhile); items changed meanwhile are queued again. Reading the
     * database and writing Elasticsearch overlap: two batches in flight. One rebuild at a time.
     */
    int rebuild() throws java.io.IOException {
        if (!rebuilding.compareAndSet(false, true)) {
            throw new RebuildRunning();
        }
        try (ClusterLock ignored = ClusterLock.take(dataSource)) {
            return rebuildHolding();
        } finally {
            rebuilding.set(false);
        }
    }

    /**
     * A batch Elasticsearch did not take in time (a long pause while it writes a large segment, say) is
     * sent once more after a moment rather than failing the whole rebuild: the same documents written
     * twice are the same index.
     */
    static <T> T retryingOnce(BatchWrite<T> write, long pauseMillis) throws java.io.IOException {
        try {
            return write.run();
        } catch (java.io.IOException | RuntimeException e) {
            log.info("Archive rebuild: a batch was not taken ({}); sending it again", e.toString());
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return write.run();
        }
    }

    interface BatchWrite<T> {
        T run() throws java.io.IOException;
    }

    /** Key of the rebuild lock: ('JBIX', 0), apart from the printing's ('JBPD', issue). */
    static final int REBUILD_LOCK = 0x4a424958;

    /**
     * One rebuild among all nodes too (two starting at once would each find the index behind): a
     * PostgreSQL lock held by a connection of its own, so a node that dies mid-rebuild lets go.
     */
    private record ClusterLock(java.sql.Connection connection) implements AutoCloseable {

        static ClusterLock take(javax.sql.DataSource dataSource) throws java.io.IOException {
            java.sql.Connection c;
            try {
                c = dataSource.getConnection();
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("no database connection for the rebuild lock", e);
            }
            boolean locked;
            try {
                locked = call(c, "pg_try_advisory_lock");
            } catch (java.sql.SQLException e) {
                closeQuietly(c);
                throw new java.io.IOException("the rebuild lock: " + e, e);
            }
            if (!locked) {
                closeQuietly(c);
                throw new RebuildRunning(); // on another node
            }
            return new ClusterLock(c);
        }

        @Override
        public void close() {
            try {
                call(connection, "pg_advisory_unlock");
            } catch (java.sql.SQLException e) {
                try {
                    // not back into the pool still holding the lock: its session ends, and the lock with it
                    connection.abort(Runnable::run);
                } catch (java.sql.SQLException ignored) {
                    // already gone
                }
            }
            closeQuietly(connection);
        }

        private static boolean call(java.sql.Connection c, String function) throws java.sql.SQLException {
            try (var st = c.prepareStatement("select " + function + "(?, 0)")) {
                st.setInt(1, REBUILD_LOCK);
                try (var rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        }

        private static void closeQuietly(java.sql.Connection c) {
            try {
                c.close();
            } catch (java.sql.SQLException e) {
                // the pool discards it
            }
        }
    }

    private int rebuildHolding() throws java.io.IOException {
        OffsetDateTime started = OffsetDateTime.now();
        long t0 = System.nanoTime();
        long total = entries.count();
        progress = new Progress(true, 0, total, started, null, null);
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "archive-rebuild");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2);
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        ArchiveIndex.Rebuild rebuild = null;
        try {
            rebuild = index.startRebuild();
            ArchiveIndex.Rebuild into = rebuild;
            long[] lastLog = {System.nanoTime()};
            entries.forEachItem(REBUILD_BATCH, batch -> {
                if (failure.get() != null) {
                    return;
                }
                long stamp = entries.nextStamp(); // after the batch was read
                inFlight.acquireUninterruptibly();
                writers.execute(() -> {
                    try {
                        entries.saveWords(retryingOnce(() -> into.add(batch, stamp), 2000));
                        progress = new Progress(true, into.count(), total, started, null, null);
                        if (System.nanoTime() - lastLog[0] > 5_000_000_000L) {
                            lastLog[0] = System.nanoTime();
                            log.info("Archive rebuild: {} of {} item(s)", into.count(), total);
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            });
            inFlight.acquireUninterruptibly(2);
            if (failure.get() != null) {
                throw new java.io.IOException("Archive rebuild failed: " + failure.get(), failure.get());
            }
            rebuild.swap();
            // what changed while the rebuild read: queued again (the outbox also still holds it)
            jdbc.sql("select id from submission where updated_at >= ?")
                    .param(started.minusMinutes(1)).query(UUID.class).list().forEach(outbox::enqueue);
            long took = (System.nanoTime() - t0) / 1_000_000;
            progress = new Progress(false, rebuild.count(), total, started, took, null);
            log.info("Archive rebuilt: {} item(s) in {} ms into {}", rebuild.count(), took, rebuild.index);
            return rebuild.count();
        } catch (java.io.IOException | RuntimeException e) {
            if (rebuild != null) {
                rebuild.discard();
            }
            Progress p = progress;
            progress = new Progress(false, p.done(), total, started, (System.nanoTime() - t0) / 1_000_000, e.toString());
            throw e;
        } finally {
            writers.shutdownNow();
        }
    }

    @Configuration
    @EnableScheduling
    static class Scheduling {
    }
}
