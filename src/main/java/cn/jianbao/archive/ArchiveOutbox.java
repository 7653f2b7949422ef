package cn.jianbao.archive;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Items waiting for the search index. Filled in the publication's own transaction (so a
 * publication can never be lost to an Elasticsearch outage), drained by {@link ArchiveIndexer}.
 */
@Component
class ArchiveOutbox {

    private final JdbcClient jdbc;

    ArchiveOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every item is searchable at every stage (by whom its readers say): new and changed items are
     * queued — a publication too, through each item's change to published, in the sign-off's transaction.
     */
    @EventListener
    void on(cn.jianbao.intake.SubmissionReceived event) {
        enqueue(event.id());
    }

    @EventListener
    void on(cn.jianbao.intake.SubmissionChanged event) {
        enqueue(event.id());
    }

    void enqueue(UUID submissionId) {
        jdbc.sql("""
                insert into archive_outbox (submission_id, enqueued_at, next_attempt_at) values (?, now(), now())
                on conflict (submission_id) do update set next_attempt_at = now(), attempts = 0""")
                .param(submissionId).update();
    }

    /** Due entries, locked so that two indexers (two application nodes) never take the same ones. */
    List<UUID> lockDue(int limit) {
        return jdbc.sql("""
                select submission_id from archive_outbox where next_attempt_at <= now()
                order by enqueued_at limit ? for update skip locked""")
                .param(limit).query(UUID.class).list();
    }

    void done(List<UUID> ids) {
        for (UUID id : ids) {
            jdbc.sql("delete from archive_outbox where submission_id = ?").param(id).update();
        }
    }

    void failed(List<UUID> ids, String error, Duration maxBackoff) {
        for (UUID id : ids) {
            int attempts = jdbc.sql("update archive_outbox set attempts = attempts + 1, last_error = ? "
                            + "where submission_id = ? returning attempts")
                    .params(error.length() > 500 ? error.substring(0, 500) : error, id).query(Integer.class).single();
            long seconds = Math.min(maxBackoff.toSeconds(), 1L << Math.min(attempts, 10));
            // the database's clock, as where the entries are queued and found due
            jdbc.sql("update archive_outbox set next_attempt_at = now() + make_interval(secs => ?) where submission_id = ?")
                    .params(seconds, id).update();
        }
    }

    record Status(long pending, long failing, String lastError) {
    }

    Status status() {
        return jdbc.sql("""
                select count(*) pending, count(*) filter (where attempts > 0) failing,
                       (select last_error from archive_outbox where last_error is not null
                        order by next_attempt_at desc limit 1) last_error
                from archive_outbox""")
                .query((rs, i) -> new Status(rs.getLong(1), rs.getLong(2), rs.getString(3))).single();
    }
}
