package cn.jianbao.intake;

import cn.jianbao.access.Classification;
import cn.jianbao.directory.Unit;
import cn.jianbao.directory.UnitKind;
import cn.jianbao.intake.extraction.ExtractedDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for submissions, their documents and their steps. */
@Repository
class SubmissionRepository {

    private static final String SELECT = """
            select s.*, u.name unit_name, u.kind unit_kind
            from submission s join unit u on u.code = s.unit_code
            """;

    private static final RowMapper<Submission> SUBMISSION = SubmissionRepository::submission;

    private static final RowMapper<StoredDocument> DOCUMENT = (rs, i) -> new StoredDocument(
            rs.getObject("id", UUID.class), rs.getObject("submission_id", UUID.class), rs.getString("file_name"),
            rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getInt("revision"),
            rs.getBoolean("superseded"), rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class));

    private static final RowMapper<Step> STEP = (rs, i) -> new Step(rs.getString("step"), rs.getString("task_id"),
            rs.getString("actor"), rs.getString("decision"), rs.getString("comment"),
            rs.getObject("started_at", OffsetDateTime.class), rs.getObject("decided_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    SubmissionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Submission s, SubmissionNumber number, String clientKey) {
        jdbc.sql("""
                insert into submission (id, unit_code, liaison_id, author, title, kind, classification, body,
                    explanation, event_time, status, revision, client_key, submitted_at, updated_at, readers, urgency,
                    number, number_year, number_seq)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as text[]), ?, ?, ?, ?)""")
                .params(s.id(), s.unit().code(), s.liaisonId(), s.author(), s.title(), s.kind().code(),
                        s.classification().code(), s.body(), s.explanation(), s.eventTime(), s.status().code(),
                        s.revision(), clientKey, s.submittedAt(), s.updatedAt(), s.readers().toArray(String[]::new),
                        s.timeliness().urgency().code(), number.text(), number.year(), number.sequence())
                .update();
    }

    /**
     * The unit's next number in a year. The counter's row lock holds other submissions of the unit
     * until this transaction ends, and a rollback gives the number back: no gaps, no twins.
     */
    SubmissionNumber nextNumber(String unitCode, int year) {
        int sequence = jdbc.sql("""
                insert into submission_number (unit_code, year, last_number) values (?, ?, 1)
                on conflict (unit_code, year) do update set last_number = submission_number.last_number + 1
                returning last_number""").params(unitCode, year).query(Integer.class).single();
        String shortName = jdbc.sql("select short_name from unit where code = ?").param(unitCode)
                .query(String.class).single();
        return new SubmissionNumber(shortName, year, sequence);
    }

    /** The item with this number among those the reader tokens may read. */
    Optional<Submission> findByNumber(List<String> tokens, SubmissionNumber number) {
        return jdbc.sql(SELECT + " where s.number = ? and s.readers && cast(? as text[])")
                .params(number.text(), tokens.toArray(String[]::new)).query(SUBMISSION).optional();
    }

    void insertDocument(UUID submissionId, ExtractedDocument doc, byte[] content, int revision, int position,
                        String uploadedBy, OffsetDateTime at) {
        jdbc.sql("""
                insert into document (id, submission_id, file_name, media_type, size_bytes, sha256, content,
                    extracted_text, revision, position, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), submissionId, doc.fileName(), doc.mediaType(), doc.size(), doc.sha256(),
                        content, doc.text(), revision, position, uploadedBy, at)
                .update();
    }

    void insertStep(UUID submissionId, Step step) {
        jdbc.sql("""
                insert into decision (submission_id, step, task_id, actor, decision, comment, started_at, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(submissionId, step.step(), step.taskId(), step.actor(), step.decision(), step.comment(),
                        step.startedAt(), step.decidedAt())
                .update();
    }

    Optional<Submission> find(UUID id) {
        return jdbc.sql(SELECT + " where s.id = ?").param(id).query(SUBMISSION).optional();
    }

    /** Locks the row: revisions and decisions on one item happen one after another. */
    Optional<Submission> lock(UUID id) {
        return jdbc.sql(SELECT + " where s.id = ? for update of s").param(id).query(SUBMISSION).optional();
    }

    Optional<Submission> findByClientKey(String liaisonId, String clientKey) {
        return jdbc.sql(SELECT + " where s.liaison_id = ? and s.client_key = ?").params(liaisonId, clientKey)
                .query(SUBMISSION).optional();
    }

    /** What a list asks for; null fields do not narrow. */
    record Filter(String unitCode, SubmissionStatus status, String title, SubmissionNumber number,
                  OffsetDateTime from, OffsetDateTime to) {
    }

    /** Items whose readers share a token with the caller's, newest first; one page. */
    List<Submission> list(List<String> tokens, Filter f, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(tokens, f, params);
        params.add(offset);
        params.add(limit);
        return jdbc.sql(SELECT + where + " order by s.submitted_at desc, s.id offset ? limit ?").params(params)
                .query(SUBMISSION).list();
    }

    long count(List<String> tokens, Filter f) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("select count(*) from submission s" + where(tokens, f, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(List<String> tokens, Filter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" where s.readers && cast(? as text[])");
        params.add(tokens.toArray(String[]::new));
        if (f.unitCode() != null) {
            sql.append(" and s.unit_code = ?");
            params.add(f.unitCode());
        }
        if (f.status() != null) {
            sql.append(" and s.status = ?");
            params.add(f.status().code());
        }
        if (f.title() != null) {
            // a 报送编号 typed into the title box finds its item
            sql.append(f.number() != null ? " and (s.title ilike ? or s.number = ?)" : " and s.title ilike ?");
            params.add("%" + f.title().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            if (f.number() != null) {
                params.add(f.number().text());
            }
        }
        if (f.from() != null) {
            sql.append(" and s.submitted_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" and s.submitted_at < ?");
            params.add(f.to());
        }
        return sql.toString();
    }

    /** The reason of the latest return of each of these items (a returned item shows why). */
    java.util.Map<UUID, String> lastReturnReasons(List<UUID> ids) {
        java.util.Map<UUID, String> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select distinct on (submission_id) submission_id, comment from decision
                where submission_id = any(?) and decision = 'return'
                order by submission_id, decided_at desc, id desc""")
                .param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject("submission_id", UUID.class), rs.getString("comment"));
                });
        return out;
    }

    List<StoredDocument> documents(UUID submissionId) {
        return jdbc.sql("""
                select id, submission_id, file_name, media_type, size_bytes, sha256, revision, superseded,
                    uploaded_by, uploaded_at
                from document where submission_id = ? order by revision, position""")
                .param(submissionId).query(DOCUMENT).list();
    }

    Optional<byte[]> documentContent(UUID submissionId, UUID documentId) {
        return jdbc.sql("select content from document where submission_id = ? and id = ?")
                .params(submissionId, documentId).query((rs, i) -> rs.getBytes(1)).optional();
    }

    List<Step> steps(UUID submissionId) {
        return jdbc.sql("select * from decision where submission_id = ? order by decided_at, id")
                .param(submissionId).query(STEP).list();
    }

    /** Binds a stored item to the process instance that carries it, once: false if already bound or missing. */
    boolean bindProcessInstance(UUID id, String processInstanceId) {
        return jdbc.sql("update submission set process_instance_id = ? where id = ? and process_instance_id is null")
                .params(processInstanceId, id).update() == 1;
    }

    void setReaders(UUID id, List<String> readers) {
        jdbc.sql("update submission set readers = cast(? as text[]) where id = ?").params(readers.toArray(String[]::new), id).update();
    }

    void setReturnedRevision(UUID id) {
        jdbc.sql("update submission set returned_revision = revision where id = ?").param(id).update();
    }

    /** The revision the item had when it was last returned, if it was. */
    Optional<Integer> returnedRevision(UUID id) {
        return jdbc.sql("select returned_revision from submission where id = ?").param(id)
                .query((rs, i) -> (Integer) rs.getObject(1)).optional().flatMap(Optional::ofNullable);
    }

    void setStatus(UUID id, SubmissionStatus status) {
        jdbc.sql("update submission set status = ?, updated_at = now() where id = ?").params(status.code(), id).update();
    }

    void setOutcome(UUID id, SubmissionStatus status, String adoption, Integer points, String rejectionReason) {
        jdbc.sql("""
                update submission set status = ?, adoption = ?, points = ?, rejection_reason = ?, updated_at = now()
                where id = ?""")
                .params(status.code(), adoption, points, rejectionReason, id).update();
    }

    void revise(UUID id, String body, int revision) {
        jdbc.sql("update submission set body = ?, revision = ?, updated_at = now() where id = ?")
                .params(body, revision, id).update();
    }

    void editByOffice(UUID id, String title, String body, int revision) {
        jdbc.sql("update submission set title = ?, body = ?, revision = ?, updated_at = now() where id = ?")
                .params(title, body, revision, id).update();
    }

    void insertRevision(UUID id, Revision r) {
        jdbc.sql("""
                insert into submission_revision (submission_id, revision, title, body, actor, by_office, note, at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, r.revision(), r.title(), r.body(), r.actor(), r.byOffice(), r.note(), r.at()).update();
    }

    List<Revision> revisions(UUID id) {
        return jdbc.sql("select * from submission_revision where submission_id = ? order by revision").param(id)
                .query((rs, i) -> new Revision(rs.getInt("revision"), rs.getString("title"), rs.getString("body"),
                        rs.getString("actor"), rs.getBoolean("by_office"), rs.getString("note"),
                        rs.getObject("at", OffsetDateTime.class))).list();
    }

    void supersedeDocuments(UUID submissionId) {
        jdbc.sql("update document set superseded = true where submission_id = ? and not superseded")
                .param(submissionId).update();
    }

    private static Submission submission(ResultSet rs, int i) throws SQLException {
        return new Submission(rs.getObject("id", UUID.class), rs.getString("number"),
                new Unit(rs.getString("unit_code"), rs.getString("unit_name"), UnitKind.of(rs.getString("unit_kind"))),
                rs.getString("liaison_id"), rs.getString("author"), rs.getString("title"),
                SubmissionKind.of(rs.getString("kind")), Classification.of(rs.getString("classification")),
                rs.getString("body"), rs.getString("explanation"), rs.getObject("event_time", OffsetDateTime.class),
                SubmissionStatus.of(rs.getString("status")), rs.getString("adoption"),
                (Integer) rs.getObject("points"), rs.getString("rejection_reason"),
                rs.getString("process_instance_id"), rs.getInt("revision"),
                rs.getObject("submitted_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                List.of((String[]) rs.getArray("readers").getArray()),
                new Timeliness(Urgency.of(rs.getString("urgency")), rs.getObject("report_deadline", OffsetDateTime.class),
                        (Long) rs.getObject("late_seconds")),
                rs.getObject("commission_id", UUID.class));
    }

    void setCommission(UUID id, UUID commissionId) {
        jdbc.sql("update submission set commission_id = ? where id = ?").params(commissionId, id).update();
    }

    void setTimeliness(UUID id, OffsetDateTime deadline, Long lateSeconds) {
        jdbc.sql("update submission set report_deadline = ?, late_seconds = ? where id = ?")
                .params(deadline, lateSeconds, id).update();
    }
}
