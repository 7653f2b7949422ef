package cn.jianbao.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything that records an item's path: its row, its decisions, and what Camunda's runtime and
 * history hold for every process instance that ever carried its id. Two snapshots equal means an
 * attempt left no trace.
 */
public record ItemState(Map<String, Object> row, List<Map<String, Object>> decisions,
                        List<Map<String, Object>> instances, long activities, long tasks, long comments,
                        long attachments, List<Map<String, Object>> variables, long identityLinks) {

    public static ItemState of(JdbcClient jdbc, UUID id) {
        String key = id.toString();
        String instancesOfKey = "select id_ from act_hi_procinst where business_key_ = ?";
        return new ItemState(
                jdbc.sql("""
                        select status, adoption, points, rejection_reason, revision, returned_revision,
                               readers::text readers, liaison_id, unit_code, process_instance_id, body, title
                        from submission where id = ?""").param(id).query().singleRow(),
                jdbc.sql("select step, task_id, actor, decision, comment from decision where submission_id = ? order by id")
                        .param(id).query().listOfRows(),
                jdbc.sql("select id_, state_, end_act_id_ from act_hi_procinst where business_key_ = ? order by id_")
                        .param(key).query().listOfRows(),
                count(jdbc, "select count(*) from act_hi_actinst where proc_inst_id_ in (" + instancesOfKey + ")", key),
                count(jdbc, "select count(*) from act_hi_taskinst where proc_inst_id_ in (" + instancesOfKey + ")", key),
                count(jdbc, "select count(*) from act_hi_comment where proc_inst_id_ in (" + instancesOfKey + ")"
                        + " or task_id_ in (select id_ from act_hi_taskinst where proc_inst_id_ in (" + instancesOfKey
                        + "))", key, key),
                count(jdbc, "select count(*) from act_hi_attachment where proc_inst_id_ in (" + instancesOfKey + ")"
                        + " or task_id_ in (select id_ from act_hi_taskinst where proc_inst_id_ in (" + instancesOfKey
                        + "))", key, key),
                jdbc.sql("select name_, text_, long_ from act_ru_variable where proc_inst_id_ in (" + instancesOfKey
                        + ") order by name_, id_").param(key).query().listOfRows(),
                count(jdbc, "select count(*) from act_hi_identitylink where root_proc_inst_id_ in (" + instancesOfKey
                        + ") or task_id_ in (select id_ from act_hi_taskinst where proc_inst_id_ in (" + instancesOfKey
                        + "))", key, key));
    }

    private static long count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
