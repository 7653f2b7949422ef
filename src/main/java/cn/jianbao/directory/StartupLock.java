package cn.jianbao.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Start-up work that writes shared rows (the office unit, {@code admin}, the demo data), done by one
 * node at a time. Two nodes started together (compose starts both at once) otherwise update the same
 * engine authorizations at once, and one fails to start with an optimistic locking error. A
 * session-level PostgreSQL advisory lock on a connection of its own: held for the work (whose own
 * transactions commit as usual), released after it, and by PostgreSQL if the node dies meanwhile.
 */
@Component
public class StartupLock {

    /** "JBSTART": no other advisory lock of ours uses this key. */
    private static final long KEY = 0x4A_42_53_54_41_52_54L;

    private final DataSource dataSource;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void run(Runnable work) {
        try (Connection c = dataSource.getConnection()) {
            call(c, "select pg_advisory_lock(?)");
            try {
                work.run();
            } finally {
                call(c, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("start-up lock", e);
        }
    }

    private static void call(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, KEY);
            st.execute();
        }
    }
}
