package cn.jianbao.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IssueRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    IssueRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Issue issue) {
        jdbc.sql("""
                insert into issue (id, series, title, comprehensive, distribution, print_run, status, created_by, created_at,
                                   lead, numbered_copies)
                values (?, ?, ?, ?, cast(? as jsonb), ?, 'draft', ?, ?, ?, ?)""")
                .params(issue.id(), issue.series().code(), issue.title(), issue.comprehensive(),
                        write(issue.distribution()), issue.printRun(), issue.createdBy(), issue.createdAt(),
                        issue.lead(), issue.numberedCopies())
                .update();
        insertItems(issue.id(), issue.items());
    }

    void update(Issue issue) {
        jdbc.sql("""
                update issue set series = ?, title = ?, comprehensive = ?, distribution = cast(? as jsonb), print_run = ?,
                                 lead = ?, numbered_copies = ?
                where id = ? and status = 'draft'""")
                .params(issue.series().code(), issue.title(), issue.comprehensive(), write(issue.distribution()),
                        issue.printRun(), issue.lead(), issue.numberedCopies(), issue.id())
                .update();
        jdbc.sql("delete from issue_item where issue_id = ?").param(issue.id()).update();
        insertItems(issue.id(), issue.items());
    }

    private void insertItems(UUID issueId, List<Issue.Item> items) {
        for (Issue.Item item : items) {
            jdbc.sql("insert into issue_item (issue_id, submission_id, position, headline, merged_into) values (?, ?, ?, ?, ?)")
                    .params(issueId, item.submissionId(), item.position(), item.headline(), item.mergedInto()).update();
        }
    }

    boolean setProcessInstance(UUID id, String processInstanceId) {
        return jdbc.sql("update issue set process_instance_id = ? where id = ? and process_instance_id is null")
                .params(processInstanceId, id).update() == 1;
    }

    /** The next number of a series in a year; the upsert's row lock serialises concurrent sign-offs. */
    int nextNumber(Series series, int year) {
        return jdbc.sql("""
                insert into issue_number (series, year, last_number) values (?, ?, 1)
                on conflict (series, year) do update set last_number = issue_number.last_number + 1
                returning last_number""")
                .params(series.code(), year).query(Integer.class).single();
    }

    void markPublished(UUID id, int year, int number, String signedBy, OffsetDateTime at) {
        jdbc.sql("""
                update issue set status = 'published', year = ?, number = ?, signed_by = ?, published_at = ?
                where id = ?""").params(year, number, signedBy, at, id).update();
    }

    void insertStep(UUID issueId, String step, String taskId, String actor, String decision, String comment,
                    OffsetDateTime startedAt, OffsetDateTime decidedAt) {
        jdbc.sql("""
                insert into issue_step (issue_id, step, task_id, actor, decision, comment, started_at, decided_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(issueId, step, taskId, actor, decision, comment, startedAt, decidedAt).update();
    }

    Optional<Issue> find(UUID id) {
        return jdbc.sql("select * from issue where id = ?").param(id).query(this::issue).optional();
    }

    Optional<Issue> lock(UUID id) {
        return jdbc.sql("select * from issue where id = ? for update").param(id).query(this::issue).optional();
    }

    /** Published issues all of whose items the tokens may read (ReadPolicy), and drafts if asked. */
    List<Issue> list(List<String> tokens, boolean includeDrafts, int limit) {
        return jdbc.sql("""
                        select i.* from issue i
                        where (i.status = 'draft' and ?)
                           or (i.status = 'published' and not exists (
                                select 1 from issue_item ii join submission s on s.id = ii.submission_id
                                where ii.issue_id = i.id and not (s.readers && cast(? as text[]))))
                        order by coalesce(i.published_at, i.created_at) desc limit ?""")
                .params(includeDrafts, tokens.toArray(String[]::new), limit)
                .query(this::issue).list();
    }

    /** Items already put in an issue not yet published, with that issue's title: not offered again. */
    Map<UUID, String> placedInDrafts() {
        Map<UUID, String> out = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                select ii.submission_id, i.title from issue_item ii join issue i on i.id = ii.issue_id
                where i.status = 'draft'""").query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return out;
    }

    void storePrinted(UUID id, String json) {
        jdbc.sql("update issue set printed = cast(? as jsonb) where id = ?").params(json, id).update();
    }

    Optional<String> printed(UUID id) {
        return jdbc.sql("select printed::text from issue where id = ?").param(id).query(String.class).optional()
                .filter(java.util.Objects::nonNull);
    }

    /** The issue an item was put in, if any (an item appears in one issue at most). */
    Optional<UUID> issueOf(UUID submissionId) {
        return jdbc.sql("select issue_id from issue_item where submission_id = ?").param(submissionId)
                .query(UUID.class).optional();
    }

    List<StepRow> steps(UUID issueId) {
        return jdbc.sql("select * from issue_step where issue_id = ? order by decided_at, id").param(issueId)
                .query((rs, i) -> new StepRow(rs.getString("step"), rs.getString("actor"), rs.getString("decision"),
                        rs.getString("comment"), rs.getObject("decided_at", OffsetDateTime.class))).list();
    }

    record StepRow(String step, String actor, String decision, String comment, OffsetDateTime decidedAt) {
    }

    private Issue issue(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Issue.Item> items = jdbc.sql("select * from issue_item where issue_id = ? order by position").param(id)
                .query((r, i) -> new Issue.Item(r.getObject("submission_id", UUID.class), r.getInt("position"),
                        r.getString("headline"), r.getObject("merged_into", UUID.class))).list();
        return new Issue(id, Series.of(rs.getString("series")), rs.getString("title"), rs.getBoolean("comprehensive"),
                read(rs.getString("distribution")), rs.getInt("print_run"), rs.getString("status"),
                (Integer) rs.getObject("year"), (Integer) rs.getObject("number"), rs.getString("process_instance_id"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getString("signed_by"),
                rs.getObject("published_at", OffsetDateTime.class), items, rs.getString("lead"),
                rs.getBoolean("numbered_copies"));
    }

    private String write(Distribution d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Distribution read(String s) {
        try {
            return json.readValue(s, Distribution.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
