package cn.jianbao.system.security;

import cn.jianbao.directory.Sessions;
import jakarta.servlet.http.HttpSession;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends a person's sessions in the shared session store (PostgreSQL), so every node refuses them
 * at the next request. The session of the request that asked (the browser that changed its own
 * password) is kept.
 */
@Component
class SignedInSessions implements Sessions {

    private final FindByIndexNameSessionRepository<?> sessions;

    SignedInSessions(JdbcIndexedSessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public int endAllOf(String userId) {
        String current = currentSessionId();
        int ended = 0;
        for (String id : sessions.findByPrincipalName(userId).keySet()) {
            if (!id.equals(current)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
