package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The indexer and a process step working on the same item at once: the step holds the item's row
 * lock ({@code for update}, as every decision does) and queues the item again, waiting for the
 * outbox row the indexer holds; the indexer, holding that row, stores the item's words. Neither
 * may wait for the other, or PostgreSQL aborts one as a deadlock (found in CI when the words
 * table had a foreign key to the item: its check takes a share lock on the item's row).
 */
@JianbaoIntegrationTest
class IndexerLocksTest {

    @Autowired Journeys journeys;
    @Autowired ArchiveOutbox outbox;
    @Autowired ArchiveEntries entries;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void aProcessStepAndTheIndexerOnOneItemDoNotDeadlock() throws Exception {
        UUID item = journeys.adopted("huangjiang", "锁测试", "锁测试：黄江镇的正文。", "standalone", "public");
        // queued, but not due: the application's own indexer leaves it to this test's "indexer"
        org.awaitility.Awaitility.await("the item's queue entry is taken").atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> jdbc.sql("select count(*) from archive_outbox where submission_id = ?").param(item)
                        .query(Long.class).single() == 0);
        // its first words (the indexer already stored some: an insert, not an update, checks a key)
        jdbc.sql("delete from archive_words where submission_id = ?").param(item).update();
        jdbc.sql("""
                insert into archive_outbox (submission_id, enqueued_at, next_attempt_at)
                values (?, now(), now() + interval '1 hour')""").param(item).update();
        CountDownLatch stepHoldsItem = new CountDownLatch(1);
        CountDownLatch indexerHoldsOutbox = new CountDownLatch(1);

        CompletableFuture<Void> step = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            jdbc.sql("select id from submission where id = ? for update").param(item).query(UUID.class).single();
            stepHoldsItem.countDown();
            await(indexerHoldsOutbox);
            outbox.enqueue(item); // waits for the indexer's outbox row
        }));
        CompletableFuture<Void> indexer = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            await(stepHoldsItem);
            jdbc.sql("select submission_id from archive_outbox where submission_id = ? for update")
                    .param(item).query(UUID.class).single();
            indexerHoldsOutbox.countDown();
            // the step reaches its wait: its backend waits for a lock (the outbox row this transaction holds)
            org.awaitility.Awaitility.await("the step waits for the outbox row").atMost(java.time.Duration.ofSeconds(20))
                    .pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> jdbc.sql("""
                            select count(*) from pg_stat_activity
                            where datname = current_database() and wait_event_type = 'Lock'""")
                            .query(Long.class).single() > 0);
            entries.saveWords(Map.of(item.toString(), new ArchiveEntry.Words("k", "锁 测试", "锁 测试 正文", null)));
        }));
        indexer.get(30, TimeUnit.SECONDS);
        step.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.sql("select source_key from archive_words where submission_id = ?").param(item)
                .query(String.class).list()).isEqualTo(List.of("k"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
