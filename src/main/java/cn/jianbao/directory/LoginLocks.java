package cn.jianbao.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed logins slow down and then stop whoever guesses, per account and per source address,
 * and every lock ends by itself: a stranger who types ten wrong passwords for {@code admin} locks
 * it for {@code lock-duration}, never for good. After a few failures each next attempt waits a
 * little longer (1, 2, 4 … 30 seconds) before its password is even checked; an attempt that comes
 * early is refused without counting. An administrator lifts a lock (so does a password reset).
 * Every door that checks a password asks here first: the login form, HTTP Basic, LDAP (through
 * the same login), and changing one's own password. Camunda's own lock (permanent after ten) is
 * switched off in application.yml, so this is the only one.
 */
@Service
@EnableConfigurationProperties(LoginLocks.Settings.class)
public class LoginLocks {

    /** {@code jianbao.login.*}: the thresholds, in the README. */
    @ConfigurationProperties("jianbao.login")
    public record Settings(Integer maxFailures, Duration lockDuration, Integer sourceMaxFailures) {

        public Settings {
            maxFailures = maxFailures == null ? 10 : maxFailures;
            lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
            sourceMaxFailures = sourceMaxFailures == null ? 50 : sourceMaxFailures;
        }
    }

    /** Why an attempt is not checked: a lock (until), or a wait after recent failures (until). */
    public record Refusal(boolean locked, Instant until) {
    }

    private static final String ACCOUNT = "account";
    private static final String SOURCE = "source";
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Settings settings;
    private final IdentityService identity;

    LoginLocks(JdbcClient jdbc, Clock clock, Settings settings, IdentityService identity) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.identity = identity;
    }

    public Settings settings() {
        return settings;
    }

    /** One login attempt: whether it may be checked now, and what its outcome does to the counts. */
    public final class Attempt {

        private final String userId;
        private final String source;
        private final Optional<Refusal> refusal;
        private final boolean counted;

        private Attempt(String userId, String source, Optional<Refusal> refusal, boolean counted) {
            this.userId = userId;
            this.source = source;
            this.refusal = refusal;
            this.counted = counted;
        }

        /** Present when the password must not be checked now. */
        public Optional<Refusal> refusal() {
            return refusal;
        }

        public void failed() {
            LoginLocks.this.failed(userId, source);
        }

        /** The right password: the account's count starts again (the address's does not: one account proves nothing). */
        public void succeeded() {
            if (counted) { // most logins have no failure behind them: no write
                LoginLocks.this.succeeded(userId);
            }
        }
    }

    /** An attempt for this account from this address (null when unknown), read once. */
    public Attempt attempt(String userId, String source) {
        Instant now = clock.instant();
        Row account = row(ACCOUNT, key(userId));
        Optional<Refusal> refusal = refusal(account, 3, now);
        if ((refusal.isEmpty() || !refusal.get().locked()) && source != null) {
            // an office behind one address: its people's slips add up, so the address waits only after ten
            Optional<Refusal> bySource = refusal(row(SOURCE, key(source)), 10, now);
            if (bySource.isPresent()) {
                refusal = bySource;
            }
        }
        return new Attempt(userId, source, refusal, account != null);
    }

    /** Whether an attempt for this account may be checked now (changing one's own password). */
    public Optional<Refusal> refusal(String userId) {
        return refusal(row(ACCOUNT, key(userId)), 3, clock.instant());
    }

    private record Row(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    private Row row(String kind, String key) {
        return jdbc.sql("select failures, last_failure_at, locked_until from login_failure where kind = ? and key = ?")
                .params(kind, key).query((rs, i) -> new Row(rs.getInt("failures"),
                        rs.getTimestamp("last_failure_at").toInstant(),
                        rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant()))
                .optional().orElse(null);
    }

    private static Optional<Refusal> refusal(Row row, int freeFailures, Instant now) {
        if (row == null) {
            return Optional.empty();
        }
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return Optional.of(new Refusal(true, row.lockedUntil()));
        }
        Instant next = row.lastFailure().plus(wait(row.failures(), freeFailures));
        return next.isAfter(now) ? Optional.of(new Refusal(false, next)) : Optional.empty();
    }

    /** 0 for the first failures, then 1, 2, 4 … seconds, at most 30. */
    private static Duration wait(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int n = Math.min(failures - free, 5);
        return Duration.ofSeconds(Math.min(1L << n, MAX_WAIT.toSeconds()));
    }

    /** A wrong password for the account (from the source, when known): counted; at the limit, locked. */
    @Transactional
    public void failed(String userId, String source) {
        Instant now = clock.instant();
        count(ACCOUNT, key(userId), settings.maxFailures(), now);
        if (source != null) {
            count(SOURCE, key(source), settings.sourceMaxFailures(), now);
        }
    }

    private void count(String kind, String key, int max, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        // failures more than a lock's length apart start the count again
        OffsetDateTime stale = now.minus(settings.lockDuration()).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into login_failure (kind, key, failures, last_failure_at) values (?, ?, 1, ?)
                on conflict (kind, key) do update set
                  failures = case when login_failure.last_failure_at < ? then 1 else login_failure.failures + 1 end,
                  last_failure_at = excluded.last_failure_at""").params(kind, key, at, stale).update();
        jdbc.sql("update login_failure set locked_until = ?, failures = 0 where kind = ? and key = ? and failures >= ?")
                .params(now.plus(settings.lockDuration()).atOffset(ZoneOffset.UTC), kind, key, max).update();
    }

    /** The right password: the account's count starts again. */
    @Transactional
    public void succeeded(String userId) {
        jdbc.sql("delete from login_failure where kind = ? and key = ? and (locked_until is null or locked_until <= ?)")
                .params(ACCOUNT, key(userId), clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** An administrator's unlock, or a new password: the account may log in at once. */
    @Transactional
    public void unlock(String userId) {
        jdbc.sql("delete from login_failure where kind = ? and key = ?").params(ACCOUNT, key(userId)).update();
        if (identity.createUserQuery().userId(userId).count() > 0) {
            identity.unlockUser(userId); // Camunda's own counter, in case it was ever reached
        }
    }

    /** Accounts locked now, with the end of their lock. */
    public Map<String, Instant> locked() {
        Map<String, Instant> out = new LinkedHashMap<>();
        jdbc.sql("select key, locked_until from login_failure where kind = ? and locked_until > ? order by key")
                .params(ACCOUNT, clock.instant().atOffset(ZoneOffset.UTC))
                .query((rs, i) -> out.put(rs.getString("key"), rs.getTimestamp("locked_until").toInstant())).list();
        return out;
    }

    /** Old counts go: a day after the last failure, when no lock runs. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    public void forgetOld() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("delete from login_failure where last_failure_at < ? and (locked_until is null or locked_until < ?)")
                .params(now.minusDays(1), now).update();
    }

    private static String key(String s) {
        String k = s == null ? "" : s.strip();
        return k.length() > 200 ? k.substring(0, 200) : k;
    }
}
