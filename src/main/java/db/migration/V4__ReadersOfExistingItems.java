package db.migration;

import cn.jianbao.access.Classification;
import cn.jianbao.access.ReadPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives items stored before the read policy their reader tokens, computed by the policy itself
 * (not restated in SQL), and queues every published item for re-indexing with them.
 */
public class V4__ReadersOfExistingItems extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        Set<String> units = new HashSet<>();
        try (ResultSet rs = db.createStatement().executeQuery("select code from unit")) {
            while (rs.next()) {
                units.add(rs.getString(1));
            }
        }
        ObjectMapper json = new ObjectMapper();
        try (ResultSet rs = db.createStatement().executeQuery("""
                select s.id, s.unit_code, s.classification, s.status, i.distribution::text distribution
                from submission s
                left join issue_item ii on ii.submission_id = s.id
                left join issue i on i.id = ii.issue_id and i.status = 'published'""");
             PreparedStatement update = db.prepareStatement("update submission set readers = ? where id = ?")) {
            while (rs.next()) {
                ReadPolicy.Publication publication = null;
                if ("published".equals(rs.getString("status")) && rs.getString("distribution") != null) {
                    List<String> toUnits = new ArrayList<>();
                    List<String> toPeople = new ArrayList<>();
                    JsonNode d = json.readTree(rs.getString("distribution"));
                    for (String list : List.of("report", "send", "issue")) {
                        d.path(list).forEach(e -> (units.contains(e.asText()) ? toUnits : toPeople).add(e.asText()));
                    }
                    publication = new ReadPolicy.Publication(toUnits, toPeople);
                }
                List<String> readers = ReadPolicy.readers(new ReadPolicy.Item(rs.getString("unit_code"),
                        Classification.of(rs.getString("classification")), publication));
                Array array = db.createArrayOf("text", readers.toArray());
                update.setArray(1, array);
                update.setObject(2, rs.getObject("id", UUID.class));
                update.addBatch();
            }
            update.executeBatch();
        }
        db.createStatement().executeUpdate("""
                insert into archive_outbox (submission_id, enqueued_at, next_attempt_at)
                select ii.submission_id, now(), now() from issue_item ii
                join issue i on i.id = ii.issue_id and i.status = 'published'
                on conflict (submission_id) do nothing""");
    }
}
