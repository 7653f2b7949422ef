package cn.jianbao.system.security;

import cn.jianbao.directory.LoginLocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every password check of the web (the login form, HTTP Basic on our API and Camunda's REST API,
 * LDAP among the providers) asks {@link LoginLocks} first and tells it how the check went.
 */
final class ThrottledLogins implements AuthenticationManager {

    /** A login not checked: locked until a time (HH:mm, office time), or to be tried again in some seconds. */
    static final class Refused extends AuthenticationException {

        private final boolean locked;
        private final String until;
        private final long retryAfterSeconds;

        Refused(boolean locked, String until, long retryAfterSeconds) {
            super(locked ? lockedMessage(until) : waitMessage(retryAfterSeconds));
            this.locked = locked;
            this.until = until;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        boolean locked() {
            return locked;
        }

        String until() {
            return until;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final AuthenticationManager providers;
    private final LoginLocks locks;
    private final Clock clock;
    private final ZoneId zone;

    ThrottledLogins(AuthenticationManager providers, LoginLocks locks, Clock clock, ZoneId zone) {
        this.providers = providers;
        this.locks = locks;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String userId = attempt.getName();
        String source = attempt.getDetails() instanceof WebAuthenticationDetails d ? counted(d.getRemoteAddress()) : null;
        LoginLocks.Attempt check;
        try {
            check = locks.attempt(userId, source);
        } catch (RuntimeException e) {
            throw new InternalAuthenticationServiceException("登录记录暂时无法读取", e); // the database is away: 503
        }
        var refusal = check.refusal();
        if (refusal.isPresent()) {
            Instant until = refusal.get().until();
            throw new Refused(refusal.get().locked(), DateTimeFormatter.ofPattern("HH:mm").format(until.atZone(zone)),
                    Math.max(1, Duration.between(clock.instant(), until).toSeconds() + 1));
        }
        try {
            Authentication done = providers.authenticate(attempt);
            try {
                check.succeeded();
            } catch (RuntimeException e) {
                // the old failures stay counted until they expire; the login itself stands
            }
            return done;
        } catch (BadCredentialsException e) {
            try {
                check.failed();
            } catch (RuntimeException notCounted) {
                throw new InternalAuthenticationServiceException("登录记录暂时无法保存", notCounted);
            }
            throw e;
        }
    }

    /**
     * The address whose failures are counted: the client's (behind the proxy, from X-Forwarded-For).
     * The server itself (loopback: an administrator on the machine, health checks) is not slowed.
     */
    private static String counted(String address) {
        return address == null || address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1")
                ? null : address;
    }

    static String lockedMessage(String until) {
        return "登录失败次数过多，账号已暂时锁定，请于 " + until + " 后再试，或请系统管理员解锁。";
    }

    static String waitMessage(long seconds) {
        return "登录失败次数较多，请 " + seconds + " 秒后再试。";
    }
}
