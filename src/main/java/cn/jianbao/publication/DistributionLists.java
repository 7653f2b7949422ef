package cn.jianbao.publication;

import cn.jianbao.access.ReadPolicy;
import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.web.BadRequestException;
import cn.jianbao.web.ForbiddenException;
import cn.jianbao.web.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saved 报/送/发 lists, so an editor composes a routine issue's distribution in one click. */
@Service
class DistributionLists {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Directory directory;

    DistributionLists(JdbcClient jdbc, ObjectMapper json, Directory directory) {
        this.jdbc = jdbc;
        this.json = json;
        this.directory = directory;
    }

    record Draft(String name, Distribution distribution) {
    }

    /** A list as saved. */
    record Saved(UUID id, String name, Distribution distribution) {
    }

    /** The office's lists, by name. */
    List<Map<String, Object>> list(Person me) {
        if (!ReadPolicy.seesEverything(me)) {
            throw new ForbiddenException("只有协调办公室可以使用发放范围。");
        }
        return jdbc.sql("select * from distribution_list order by name").query((rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getObject("id", UUID.class));
            m.put("name", rs.getString("name"));
            try {
                m.put("distribution", json.readValue(rs.getString("distribution"), Distribution.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            m.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
            return m;
        }).list();
    }

    /** Saves a list under its name; the same name again replaces it. */
    @Transactional
    Saved save(Person me, Draft draft) {
        requireEditor(me);
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new BadRequestException("name", "请填写发放范围的名称（不超过100字）。");
        }
        Distribution d = IssueService.outsideNamesChecked(draft.distribution() == null ? Distribution.none()
                : draft.distribution(), BadRequestException::new);
        if (d.isEmpty()) {
            throw new BadRequestException("distribution", "发放范围为空，请先选择报、送、发的单位或人员。");
        }
        for (String entry : d.all()) {
            if (directory.unit(entry).isEmpty() && directory.person(entry).isEmpty()) {
                throw new BadRequestException("distribution", "“" + entry + "”既不是单位，也不是在岗人员。");
            }
        }
        UUID id = UUID.randomUUID();
        String text;
        try {
            text = json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        UUID saved = jdbc.sql("""
                insert into distribution_list (id, name, distribution, created_by, updated_at)
                values (?, ?, cast(? as jsonb), ?, now())
                on conflict (name) do update set distribution = excluded.distribution, updated_at = now()
                returning id""").params(id, name, text, me.userId()).query(UUID.class).single();
        return new Saved(saved, name, d);
    }

    void delete(Person me, UUID id) {
        requireEditor(me);
        if (jdbc.sql("delete from distribution_list where id = ?").param(id).update() == 0) {
            throw new NotFoundException("发放范围不存在。");
        }
    }

    private static void requireEditor(Person me) {
        cn.jianbao.access.WritePolicy.require(me, cn.jianbao.access.WritePolicy.Action.SAVE_DISTRIBUTION_LIST);
    }
}
