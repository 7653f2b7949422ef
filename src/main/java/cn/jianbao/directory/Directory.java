package cn.jianbao.directory;

import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Units and people. The source of truth for who belongs to which unit in which role. */
@Service
public class Directory {

    private static final RowMapper<Unit> UNIT = (rs, i) ->
            new Unit(rs.getString("code"), rs.getString("name"), UnitKind.of(rs.getString("kind")));

    private static final RowMapper<Person> PERSON = (rs, i) -> new Person(rs.getString("user_id"),
            rs.getString("display_name"),
            new Unit(rs.getString("unit_code"), rs.getString("unit_name"), UnitKind.of(rs.getString("unit_kind"))),
            Role.of(rs.getString("role")));

    private final JdbcClient jdbc;

    public Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Person> person(String userId) {
        return jdbc.sql("""
                select p.user_id, p.display_name, p.role, u.code unit_code, u.name unit_name, u.kind unit_kind
                from person p join unit u on u.code = p.unit_code where p.user_id = ?""")
                .param(userId).query(PERSON).optional();
    }

    public Optional<Unit> unit(String code) {
        return jdbc.sql("select code, name, kind from unit where code = ?").param(code).query(UNIT).optional();
    }

    @Transactional
    public void saveUnit(Unit unit) {
        jdbc.sql("""
                insert into unit (code, name, kind) values (?, ?, ?)
                on conflict (code) do update set name = excluded.name, kind = excluded.kind""")
                .params(unit.code(), unit.name(), unit.kind().code()).update();
    }

    @Transactional
    public void savePerson(String userId, String displayName, String unitCode, Role role) {
        jdbc.sql("""
                insert into person (user_id, unit_code, display_name, role) values (?, ?, ?, ?)
                on conflict (user_id) do update set unit_code = excluded.unit_code,
                    display_name = excluded.display_name, role = excluded.role""")
                .params(userId, unitCode, displayName, role.code()).update();
    }
}
