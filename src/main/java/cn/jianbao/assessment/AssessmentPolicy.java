package cn.jianbao.assessment;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import cn.jianbao.web.ForbiddenException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The office's policy switches, stored so an administrator changes them without a restart. */
@Service
public class AssessmentPolicy {

    private final JdbcClient jdbc;

    AssessmentPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AssessmentSettings current() {
        return jdbc.sql("select rank_publicly, show_others_points, score_instructions from assessment_policy")
                .query((rs, i) -> new AssessmentSettings(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).single();
    }

    public AssessmentSettings update(Person me, AssessmentSettings s) {
        if (!me.is(Role.ADMIN)) {
            throw new ForbiddenException("只有系统管理员可以更改考核规定。");
        }
        jdbc.sql("""
                update assessment_policy set rank_publicly = ?, show_others_points = ?, score_instructions = ?,
                  updated_by = ?, updated_at = ?""").params(s.rankPublicly(), s.showOthersPoints(), s.scoreInstructions(),
                me.userId(), OffsetDateTime.now(ZoneOffset.UTC)).update();
        return current();
    }
}
