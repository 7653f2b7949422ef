package cn.jianbao.platforms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sign-in codes a platform handed us, each taken once across all nodes (the table's key): a
 * code that comes back (a replayed link, a shared address) signs nobody in. The platforms let a
 * code live five minutes, so a day of them is kept; only their SHA-256 is stored.
 */
@Component
public class SignInCodes {

    static final Duration KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    SignInCodes(JdbcClient jdbc, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** True the first time this platform's code is offered, false ever after. */
    public boolean take(String platform, String code) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("delete from platform_sign_in_code where used_at < ?").param(now.minus(KEPT)).update();
        return jdbc.sql("""
                insert into platform_sign_in_code (platform, code_hash, used_at) values (?, ?, ?)
                on conflict do nothing""").params(platform, sha256(code), now).update() == 1;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
