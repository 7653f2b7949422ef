package cn.jianbao.system.security;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.directory.PersonDetails;
import cn.jianbao.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each request runs as the person the directory knows now, not as they were at login: someone
 * deactivated loses access at once (their session ends), a change of unit or roles applies to the
 * next request, and an initial password must be changed before anything else.
 */
final class AccountStatus extends OncePerRequestFilter {

    /** What someone with an initial password may still do: see who they are, change it, leave. */
    private static final Set<String> WHILE_CHANGING = Set.of("/api/me", "/api/me/password", "/password",
            "/password.html", "/logout", "/login", "/error");

    private final Directory directory;
    private final ObjectMapper json;

    AccountStatus(Directory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Person signedIn) || isStatic(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<PersonDetails> now;
        try {
            now = directory.details(signedIn.userId()).filter(p -> p.active() && !p.roles().isEmpty());
        } catch (RuntimeException e) {
            if (!Problems.databaseUnavailable(e)) {
                throw e;
            }
            SecurityConfig.write(json, response, HttpStatus.SERVICE_UNAVAILABLE, Problems.DATABASE_UNAVAILABLE);
            return;
        }
        if (now.isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityConfig.write(json, response, HttpStatus.UNAUTHORIZED, "账号已停用或不存在，请联系管理员。");
            return;
        }
        Person person = now.get().person();
        if (!person.equals(signedIn)) {
            UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(person, null,
                    CamundaIdentityAuthenticationProvider.authorities(person));
            fresh.setDetails(auth.getDetails());
            SecurityContextHolder.getContext().setAuthentication(fresh);
        }
        if (now.get().mustChangePassword() && !allowedWhileChanging(request)) {
            if (request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/engine-rest/")
                    || request.getRequestURI().startsWith("/camunda/api/")) {
                SecurityConfig.write(json, response, HttpStatus.FORBIDDEN,
                        "请先修改初始密码（页面：/password；接口：PUT /api/me/password）。");
            } else {
                response.sendRedirect("/password");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowedWhileChanging(HttpServletRequest request) {
        return WHILE_CHANGING.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Our stylesheets and scripts carry nothing of anyone's: no need to ask the directory. */
    private static boolean isStatic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/favicon.");
    }
}
