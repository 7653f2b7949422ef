package cn.jianbao.archive;

import cn.jianbao.intake.SubmissionKind;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.publication.Series;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
                    from document d where d.submission_id = s.id and not d.superseded and d.position > 0) attachments
            from submission s
            join unit u on u.code = s.unit_code
            left join lateral (
                select ii.headline, i.id issue_id, i.series, i.year, i.number, i.title issue_title, i.published_at
                from issue_item ii join issue i on i.id = ii.issue_id and i.status = 'published'
                where ii.submission_id = s.id order by i.published_at limit 1) pub on true
            """;

    private final JdbcClient jdbc;

    ArchiveEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ArchiveEntry> load(Collection<UUID> submissionIds) {
        if (submissionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where s.id = any(?)").param(submissionIds.toArray(UUID[]::new))
                .query((rs, i) -> entry(rs)).list();
    }

    /** Every item, in batches, for a rebuild. */
    void forEachItem(int batchSize, Consumer<List<ArchiveEntry>> batch) {
        List<ArchiveEntry> current = new ArrayList<>();
        jdbc.sql(SELECT + " order by s.submitted_at").query(rs -> {
            current.add(entry(rs));
            if (current.size() == batchSize) {
                batch.accept(List.copyOf(current));
                current.clear();
            }
        });
        if (!current.isEmpty()) {
            batch.accept(current);
        }
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
                status.label(), rs.getObject("submitted_at", OffsetDateTime.class));
    }
}
