package cn.jianbao.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Units and people as the business knows them: the single source of who belongs to which unit
 * in which roles. Reads only; {@link DirectoryAdmin} changes it and carries every change into
 * Camunda's identity.
 */
@Service
public class Directory {

    private static final String PEOPLE = """
            select p.user_id, p.display_name, p.phone, p.email, p.active, p.must_change_password,
                   p.wecom_user_id, p.dingtalk_user_id,
                   u.code unit_code, u.name unit_name, u.kind unit_kind,
                   coalesce((select string_agg(r.role, ',') from person_role r where r.user_id = p.user_id), '') roles
            from person p join unit u on u.code = p.unit_code
            """;

    private final JdbcClient jdbc;

    public Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Someone who may act now: registered and active, with at least one role. */
    public Optional<Person> person(String userId) {
        return details(userId).filter(p -> p.active() && !p.roles().isEmpty()).map(PersonDetails::person);
    }

    /** The platforms whose accounts a person may have: WeCom (企业微信) and DingTalk (钉钉). */
    public enum Platform {
        WECOM("wecom_user_id", "企业微信"),
        DINGTALK("dingtalk_user_id", "钉钉");

        private final String column;
        private final String label;

        Platform(String column, String label) {
            this.column = column;
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The person's account on this platform, or null. */
        public String of(PersonDetails p) {
            return this == WECOM ? p.wecomUserId() : p.dingtalkUserId();
        }
    }

    /**
     * Who holds this platform account, as {@link #details}: a sign-in through the platform
     * still needs {@link #person} (active, with roles) for the user id found here.
     */
    public Optional<PersonDetails> byPlatformAccount(Platform platform, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql(PEOPLE + " where p." + platform.column + " = ?").param(accountId).query(Directory::person)
                .optional();
    }

    /** Anyone registered, also after they left: their past decisions keep their name. */
    public Optional<PersonDetails> details(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return jdbc.sql(PEOPLE + " where p.user_id = ?").param(userId).query(Directory::person).optional();
    }

    /** The name to show for a user id; the id itself for someone not (or no longer) registered. */
    public String displayName(String userId) {
        return userId == null ? null : details(userId).map(PersonDetails::name).orElse(userId);
    }

    public Optional<Unit> unit(String code) {
        return unitDetails(code).map(UnitDetails::unit);
    }

    public Optional<UnitDetails> unitDetails(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from unit where code = ?").param(code).query(Directory::unitRow).optional();
    }

    /** Every unit, in the office's order (parents before their children is the caller's business). */
    public List<UnitDetails> units() {
        return jdbc.sql("select * from unit order by sort_order, name, code").query(Directory::unitRow).list();
    }

    /** People, optionally of one unit, matching a query on name, id, phone, e-mail or platform account, active or not. */
    public List<PersonDetails> people(String unitCode, String query, Boolean active, int limit) {
        StringBuilder sql = new StringBuilder(PEOPLE).append(" where true");
        List<Object> params = new ArrayList<>();
        if (unitCode != null) {
            sql.append(" and p.unit_code = ?");
            params.add(unitCode);
        }
        if (query != null && !query.isBlank()) {
            sql.append(" and (p.display_name ilike ? or p.user_id ilike ? or p.phone ilike ? or p.email ilike ?"
                    + " or p.wecom_user_id ilike ? or p.dingtalk_user_id ilike ?)");
            String like = "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            for (int i = 0; i < 6; i++) {
                params.add(like);
            }
        }
        if (active != null) {
            sql.append(" and p.active = ?");
            params.add(active);
        }
        sql.append(" order by u.sort_order, u.name, p.display_name, p.user_id limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(Directory::person).list();
    }

    /** The active holders of a role, in one unit or (null) anywhere: whom a notice goes to. */
    public List<PersonDetails> holders(Role role, String unitCode) {
        return jdbc.sql(PEOPLE + """
                 where p.active and exists (select 1 from person_role r where r.user_id = p.user_id and r.role = ?)
                 and (cast(? as varchar) is null or p.unit_code = ?) order by p.display_name, p.user_id""")
                .params(role.code(), unitCode, unitCode).query(Directory::person).list();
    }

    /** Active people per unit and role: what the admin page warns about (no leader, 1–2 liaisons). */
    public Map<String, Map<Role, Integer>> staffing() {
        Map<String, Map<Role, Integer>> out = new LinkedHashMap<>();
        jdbc.sql("""
                select p.unit_code, r.role, count(*) n from person p join person_role r on r.user_id = p.user_id
                where p.active group by p.unit_code, r.role""")
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("unit_code"), k -> new LinkedHashMap<>())
                            .put(Role.of(rs.getString("role")), rs.getInt("n"));
                });
        return out;
    }

    public boolean unitHasItems(String code) {
        return jdbc.sql("select exists (select 1 from submission where unit_code = ?)").param(code)
                .query(Boolean.class).single();
    }

    public Set<String> userIds() {
        return new HashSet<>(jdbc.sql("select user_id from person").query(String.class).list());
    }

    static UnitDetails unitRow(ResultSet rs, int i) throws SQLException {
        return new UnitDetails(rs.getString("code"), rs.getString("name"), UnitKind.of(rs.getString("kind")),
                rs.getString("parent_code"), rs.getBoolean("active"), rs.getInt("sort_order"), rs.getString("short_name"));
    }

    private static PersonDetails person(ResultSet rs, int i) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : rs.getString("roles").split(",")) {
            if (!r.isBlank()) {
                roles.add(Role.of(r));
            }
        }
        return new PersonDetails(rs.getString("user_id"), rs.getString("display_name"),
                new Unit(rs.getString("unit_code"), rs.getString("unit_name"), UnitKind.of(rs.getString("unit_kind"))),
                roles, rs.getString("phone"), rs.getString("email"), rs.getBoolean("active"),
                rs.getBoolean("must_change_password"), rs.getString("wecom_user_id"), rs.getString("dingtalk_user_id"));
    }
}
