package cn.jianbao.assessment;

import cn.jianbao.directory.Person;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The office's policy switches, stored so an administrator changes them without a restart. */
@Service
public class AssessmentPolicy {

    private final JdbcClient jdbc;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    AssessmentPolicy(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public AssessmentSettings current() {
        return jdbc.sql("select rank_publicly, show_others_points, score_instructions from assessment_policy")
                .query((rs, i) -> new AssessmentSettings(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).single();
    }

    public AssessmentSettings update(Person me, AssessmentSettings s) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.CHANGE_ASSESSMENT_POLICY);
        jdbc.sql("""
                update assessment_policy set rank_publicly = ?, show_others_points = ?, score_instructions = ?,
                  updated_by = ?, updated_at = ?""").params(s.rankPublicly(), s.showOthersPoints(), s.scoreInstructions(),
                me.userId(), OffsetDateTime.now(clock)).update();
        return current();
    }
}
