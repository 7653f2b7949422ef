package cn.jianbao.archive;

import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Series;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds index entries from the database, which stays the source of truth: the outbox holds
 * only ids, and a rebuild reads everything published again. One read-only join over the
 * submission, unit and issue tables, for speed on rebuilds.
 */
@Component
class ArchiveEntries {

    private static final String SELECT = """
            select s.id, s.unit_code, u.name unit_name, s.kind, s.author, coalesce(pub.headline, s.title) headline, s.body,
                   s.classification, s.status, s.submitted_at,
                   pub.issue_id, pub.series, pub.year, pub.number, pub.issue_title, pub.published_at,
                   s.readers,
                   -- the attachments' text (the first document is the item's own text), current versions only
                   (select string_agg(d.file_name || E'\n' || left(d.extracted_text, 200000), E'\n\n' order by d.position)
                    from document d where d.submission_id = s.id and not d.superseded and d.position > 0) attachments,
                   w.source_key, w.title_words, w.text_words, w.attachment_words
            from submission s
            join unit u on u.code = s.unit_code
            left join archive_words w on w.submission_id = s.id
            left join lateral (
                select ii.headline, i.id issue_id, i.series, i.year, i.number, i.title issue_title, i.published_at
                from issue_item ii join issue i on i.id = ii.issue_id and i.status = 'published'
                where ii.submission_id = s.id order by i.published_at limit 1) pub on true
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcBatch;
    private final TransactionTemplate ownTransaction;

    ArchiveEntries(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.jdbcBatch = batch;
        this.ownTransaction = new TransactionTemplate(tm);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    List<ArchiveEntry> load(Collection<UUID> submissionIds) {
        if (submissionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where s.id = any(?)").param(submissionIds.toArray(UUID[]::new))
                .query((rs, i) -> entry(rs)).list();
    }

    /** The texts of a page of hits, to mark what was typed in them (the index keeps their words, not the text). */
    Map<String, String> texts(Collection<String> submissionIds) {
        if (submissionIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> texts = new HashMap<>();
        jdbc.sql("select id, body from submission where id = any(?)")
                .param(submissionIds.stream().map(UUID::fromString).toArray(UUID[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> texts.put(rs.getString(1), rs.getString(2)));
        return texts;
    }

    long count() {
        return jdbc.sql("select count(*) from submission").query(Long.class).single();
    }

    /**
     * The stamp for documents about to be written, taken after they were read from the database (see
     * V15__archive_stamp.sql): a backup that holds this stamp holds what they say. Committed at once, in
     * a transaction of its own, before the documents are written: the index never holds a stamp the
     * database has not, and writers (two nodes' drains, a rebuild) do not wait for each other's writes.
     */
    long nextStamp() {
        return ownTransaction.execute(status ->
                jdbc.sql("update archive_stamp set n = n + 1 returning n").query(Long.class).single());
    }

    /** The last stamp given. */
    long lastStamp() {
        return jdbc.sql("select n from archive_stamp").query(Long.class).single();
    }

    /**
     * Every item, batch by batch in id order (each batch one short query: nothing held open, and
     * never the whole archive in memory), for a rebuild.
     */
    void forEachItem(int batchSize, Consumer<List<ArchiveEntry>> batch) {
        UUID after = null;
        while (true) {
            List<ArchiveEntry> current = jdbc.sql(SELECT + (after == null ? "" : " where s.id > ?") + " order by s.id limit ?")
                    .params(after == null ? List.of(batchSize) : List.of(after, batchSize))
                    .query((rs, i) -> entry(rs)).list();
            if (current.isEmpty()) {
                return;
            }
            batch.accept(current);
            after = UUID.fromString(current.get(current.size() - 1).submissionId());
        }
    }

    /** Keeps freshly segmented words for the next rebuild. */
    void saveWords(Map<String, ArchiveEntry.Words> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        List<Object[]> rows = fresh.entrySet().stream().map(e -> new Object[] {UUID.fromString(e.getKey()),
                e.getValue().key(), e.getValue().title(), e.getValue().text(), e.getValue().attachments()}).toList();
        jdbcBatch.batchUpdate("""
                insert into archive_words (submission_id, source_key, title_words, text_words, attachment_words)
                values (?, ?, ?, ?, ?)
                on conflict (submission_id) do update set source_key = excluded.source_key,
                    title_words = excluded.title_words, text_words = excluded.text_words,
                    attachment_words = excluded.attachment_words""", rows);
    }

    private ArchiveEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        String unit = rs.getString("unit_code");
        String classification = rs.getString("classification");
        Series series = rs.getString("series") == null ? null : Series.of(rs.getString("series"));
        SubmissionKind kind = SubmissionKind.of(rs.getString("kind"));
        SubmissionStatus status = SubmissionStatus.of(rs.getString("status"));
        return new ArchiveEntry(rs.getString("id"), rs.getString("issue_id"), series == null ? null : series.code(),
                series == null ? null : series.label(), (Integer) rs.getObject("year"), (Integer) rs.getObject("number"),
                rs.getString("issue_title"),
                rs.getObject("published_at", OffsetDateTime.class), unit, rs.getString("unit_name"), kind.code(),
                kind.label(), rs.getString("author"), rs.getString("headline"), rs.getString("body"), classification,
                // the item's own reader tokens (ReadPolicy), so the search hides exactly what the pages hide
                List.of((String[]) rs.getArray("readers").getArray()), rs.getString("attachments"), status.code(),
                status.label(), rs.getObject("submitted_at", OffsetDateTime.class),
                rs.getString("source_key") == null ? null : new ArchiveEntry.Words(rs.getString("source_key"),
                        rs.getString("title_words"), rs.getString("text_words"), rs.getString("attachment_words")));
    }
}
