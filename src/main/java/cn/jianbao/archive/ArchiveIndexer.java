package cn.jianbao.archive;

import cn.jianbao.publication.IssuePublished;
import jakarta.annotation.PreDestroy;
import java.time.OffsetDateTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
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

    private final ArchiveOutbox outbox;
    private final ArchiveEntries entries;
    private final ArchiveIndex index;
    private final ArchiveProperties properties;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private volatile boolean failing;
    private volatile boolean upgraded;

    ArchiveIndexer(ArchiveOutbox outbox, ArchiveEntries entries, ArchiveIndex index, ArchiveProperties properties,
                   TransactionTemplate tx, JdbcClient jdbc) {
        this.outbox = outbox;
        this.entries = entries;
        this.index = index;
        this.properties = properties;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** One pending wake-up at most: a burst of publications coalesces into one drain. */
    private final ThreadPoolExecutor wake = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), r -> {
                Thread t = new Thread(r, "archive-indexer-wake");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    /** Index right after the publication commits, instead of waiting for the next poll. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void afterPublication(IssuePublished event) {
        wake.execute(this::drain);
    }

    @PreDestroy
    void stop() {
        wake.shutdownNow();
    }

    /** Also polls: retries after an outage, and anything a lost wake-up left behind. */
    @Scheduled(fixedDelayString = "${jianbao.archive.poll-interval:1s}", initialDelayString = "${jianbao.archive.poll-interval:1s}")
    void drain() {
        if (!upgraded) {
            try {
                index.ensureIndex();
                if (index.addWordFieldsIfMissing()) {
                    log.info("Archive index made before word-level search: rebuilding it with words");
                    rebuild();
                }
                upgraded = true;
            } catch (Exception e) {
                return; // Elasticsearch away: tried again at the next poll
            }
        }
        Integer n;
        do {
            n = tx.execute(status -> drainBatch());
        } while (n != null && n == BATCH);
    }

    private int drainBatch() {
        List<UUID> due = outbox.lockDue(BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        try {
            index.ensureIndex();
            index.index(entries.load(due), true);
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

    /** Rebuilds the index from the database; items published meanwhile are queued again. */
    int rebuild() throws java.io.IOException {
        OffsetDateTime started = OffsetDateTime.now();
        ArchiveIndex.Rebuild rebuild = index.startRebuild();
        entries.forEachItem(500, batch -> {
            try {
                rebuild.add(batch);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        rebuild.swap();
        // what changed while the rebuild read: queued again (the outbox also still holds it)
        jdbc.sql("select id from submission where updated_at >= ?")
                .param(started.minusMinutes(1)).query(UUID.class).list().forEach(outbox::enqueue);
        log.info("Archive rebuilt: {} item(s) in {}", rebuild.count, rebuild.index);
        return rebuild.count;
    }

    @Configuration
    @EnableScheduling
    static class Scheduling {
    }
}
