package cn.jianbao.system.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Browser sessions live in PostgreSQL (Spring Session JDBC, shared by every node), which writes a
 * session's last access time back on every request: a transaction with an UPDATE for each search
 * as the user types, about a twentieth of a search's CPU in the application. Here a session is
 * written when something in it changed, or when its stored last access is
 * {@link #LAST_ACCESS_WRITE} old; a session therefore expires at most that much earlier than its
 * timeout after the last request (30 minutes by default).
 *
 * <p>Spring Boot configures the JDBC repository and the session filter only while no other
 * session repository is declared, so the filter is given the wrapped repository here instead,
 * with the cookie settings Spring Boot made (server.servlet.session.cookie).
 */
@Configuration(proxyBeanMethods = false)
class SessionWrites {

    static final Duration LAST_ACCESS_WRITE = Duration.ofMinutes(1);

    @Bean
    static BeanPostProcessor sessionsWrittenWhenNeeded(ObjectProvider<JdbcIndexedSessionRepository> jdbc,
                                                       ObjectProvider<CookieSerializer> cookies) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof SessionRepositoryFilter<?>)) {
                    return bean;
                }
                SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(new Repository<>(jdbc.getObject()));
                CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
                ids.setCookieSerializer(cookies.getIfAvailable(DefaultCookieSerializer::new));
                filter.setHttpSessionIdResolver(ids);
                return filter;
            }
        };
    }

    static final class Repository<S extends Session> implements SessionRepository<WrittenWhenNeeded<S>> {

        private final SessionRepository<S> jdbc;

        Repository(SessionRepository<S> jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public WrittenWhenNeeded<S> createSession() {
            return new WrittenWhenNeeded<>(jdbc.createSession(), null);
        }

        @Override
        public void save(WrittenWhenNeeded<S> session) {
            if (session.needsWrite()) {
                jdbc.save(session.stored);
                session.written();
            }
        }

        @Override
        public WrittenWhenNeeded<S> findById(String id) {
            S found = jdbc.findById(id); // null when unknown or expired (and then deleted)
            return found == null ? null : new WrittenWhenNeeded<>(found, found.getLastAccessedTime());
        }

        @Override
        public void deleteById(String id) {
            jdbc.deleteById(id);
        }
    }

    /** A stored session that knows whether it must be written back. */
    static final class WrittenWhenNeeded<S extends Session> implements Session {

        private final S stored;
        /** The last access time in the database; null for a session not stored yet. */
        private Instant storedLastAccess;
        private boolean changed;

        WrittenWhenNeeded(S stored, Instant storedLastAccess) {
            this.stored = stored;
            this.storedLastAccess = storedLastAccess;
        }

        boolean needsWrite() {
            return storedLastAccess == null || changed
                    || Duration.between(storedLastAccess, stored.getLastAccessedTime()).compareTo(LAST_ACCESS_WRITE) >= 0;
        }

        void written() {
            storedLastAccess = stored.getLastAccessedTime();
            changed = false;
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            stored.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
