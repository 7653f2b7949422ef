package cn.jianbao.system.security;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.LoginLocks;
import cn.jianbao.web.OfficeTime;
import java.time.Clock;
import cn.jianbao.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One login for everything: HTTP Basic for API clients, a session (our Chinese login page)
 * for browsers. Camunda's webapps trust that session through container-based
 * authentication; Camunda's REST API runs each call as the signed-in user.
 * <p>
 * A request a cookie authenticates carries our CSRF token (cookie {@value #CSRF_COOKIE}, header
 * {@value #CSRF_HEADER}) when it changes anything; Basic clients send credentials themselves and
 * need none. Cross-site requests that change anything are refused whatever they carry
 * ({@link CrossSiteRequests}). Logout is a POST.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    static final String CSRF_COOKIE = "jianbao-csrf";
    static final String CSRF_HEADER = "X-CSRF-TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * Our pages: scripts, style sheets and data from this origin only; never framed. Style
     * attributes are allowed (the BPMN viewer positions and colours its SVG with them); style
     * elements and scripts never inline.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "style-src-attr 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** The one page another of our pages may frame: a draft's composing page, in Tasklist's compile step. */
    static final RequestMatcher COMPOSE_FRAME = request -> {
        // the headers are written when the response commits, after the page was forwarded to its file
        Object forwarded = request.getAttribute(jakarta.servlet.RequestDispatcher.FORWARD_REQUEST_URI);
        String uri = forwarded instanceof String f ? f : request.getRequestURI();
        return "GET".equals(request.getMethod()) && uri.matches("/issues/[0-9a-fA-F-]{36}/compose/?");
    };

    /** One token store for both chains: the login form, our pages and the Tasklist forms share it. */
    @Bean
    CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setHeaderName(CSRF_HEADER);
        tokens.setCookieCustomizer(c -> c.path("/").sameSite("Lax"));
        return tokens;
    }

    /**
     * LDAP first where it is enabled, then Camunda's own passwords (local accounts such as admin);
     * every attempt through {@link LoginLocks} (failures slow down, then lock for a while).
     */
    @Bean
    AuthenticationManager authenticationManager(List<AuthenticationProvider> providers, LoginLocks locks, Clock clock,
                                                OfficeTime time) {
        return new ThrottledLogins(new ProviderManager(providers), locks, clock, time.zone());
    }

    /** API clients (our /api and Camunda's /engine-rest): Basic or session, never a redirect. */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identity, ObjectMapper json,
                                    CookieCsrfTokenRepository csrfTokens, AuthenticationManager logins,
                                    Directory directory) throws Exception {
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authenticationManager(logins)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(problem(json)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problem(json)).accessDeniedHandler(denied(json)))
                .csrf(c -> c.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfig::changesWithCookie))
                .addFilterBefore(new CrossSiteRequests(json), CsrfFilter.class)
                .addFilterAfter(new CsrfCookie(), CsrfFilter.class)
                .addFilterAfter(new AccountStatus(directory, json), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new EngineAuthenticationFilter(identity), ExceptionTranslationFilter.class)
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Browsers: our pages and Camunda's webapps behind one form login. */
    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, ObjectMapper json, CookieCsrfTokenRepository csrfTokens,
                                    AuthenticationManager logins, Directory directory) throws Exception {
        RequestMatcher camunda = path("/camunda/**");
        http.authenticationManager(logins)
                .authorizeHttpRequests(a -> a
                        // Camunda's own login would check passwords past our locks; the webapps use our session
                        .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/**")).denyAll()
                        .requestMatchers(path("/login"), path("/css/**"), path("/js/**"), path("/favicon.ico"), path("/favicon.svg"),
                                path("/actuator/health"), path("/error")).permitAll()
                        // sign-in from a WeCom or DingTalk message (PlatformSignIn): the platform vouches, not a password
                        .requestMatchers(path("/auth/**")).permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                        // "wrong password" only when the password was wrong, not when it could not be checked
                        .failureHandler((request, response, ex) -> response.sendRedirect(
                                ex instanceof ThrottledLogins.Refused r ? (r.locked() ? "/login?locked=" + r.until()
                                        : "/login?wait=" + r.retryAfterSeconds())
                                : ex instanceof InternalAuthenticationServiceException ? "/login?unavailable" : "/login?error")))
                .logout(l -> l
                        // POST only; Tasklist's own logout button ends our session too
                        .logoutRequestMatcher(new OrRequestMatcher(
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/logout"),
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                                        "/camunda/api/admin/auth/user/*/logout")))
                        .logoutSuccessUrl("/login?logout"))
                // Camunda's webapps carry their own CSRF protection on their API (and cross-site
                // requests are refused before they get there)
                .csrf(c -> c.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(path("/camunda/api/**")))
                .addFilterBefore(new CrossSiteRequests(json), CsrfFilter.class)
                .addFilterAfter(new CsrfCookie(), CsrfFilter.class)
                .addFilterAfter(new AccountStatus(directory, json), AnonymousAuthenticationFilter.class)
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        // the webapps send their own policy (with nonces); ours would break them
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(
                                new OrRequestMatcher(camunda, COMPOSE_FRAME)),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        // the compile step's form in Tasklist frames the composing page: that page, by us only
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(COMPOSE_FRAME),
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(COMPOSE_FRAME,
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(COMPOSE_FRAME,
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY
                                        .replace("frame-ancestors 'none'", "frame-ancestors 'self'")))))
                .httpBasic(b -> b.authenticationEntryPoint(problem(json)));
        return http.build();
    }

    /** Lets Tasklist, Cockpit and Admin take the user from the Spring Security session. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(101); // after the Spring Security filter chain
        return registration;
    }

    /**
     * A change needs our token when a cookie authenticates it. A request with Basic credentials
     * needs none: another site cannot make a browser add that header (and we never make a
     * browser remember Basic credentials, see {@link #problem}).
     */
    static boolean changesWithCookie(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        return authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** Path matchers that also see Camunda's Jersey servlets, not only Spring MVC's. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * 401 as problem details. The Basic challenge goes to programs only: a browser that got it
     * would show its own password dialog and then send those credentials on every request to us,
     * also from other sites' pages.
     */
    private static AuthenticationEntryPoint problem(ObjectMapper json) {
        return (request, response, ex) -> {
            if (ex instanceof ThrottledLogins.Refused r) {
                response.setHeader("Retry-After", String.valueOf(r.retryAfterSeconds()));
                write(json, response, HttpStatus.TOO_MANY_REQUESTS, r.getMessage());
                return;
            }
            if (ex instanceof InternalAuthenticationServiceException && Problems.databaseUnavailable(ex)) {
                // the password could not be checked at all: say so, rather than "wrong password"
                write(json, response, HttpStatus.SERVICE_UNAVAILABLE, Problems.DATABASE_UNAVAILABLE);
                return;
            }
            if (request.getHeader("Sec-Fetch-Mode") == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"jianbao\", charset=\"UTF-8\"");
            }
            write(json, response, HttpStatus.UNAUTHORIZED, "请先登录：用户名或密码缺失或不正确。");
        };
    }

    private static AccessDeniedHandler denied(ObjectMapper json) {
        return (request, response, ex) -> write(json, response, HttpStatus.FORBIDDEN,
                ex instanceof org.springframework.security.web.csrf.CsrfException
                        ? "请求缺少有效的安全令牌（CSRF），请刷新页面后重试。" : "您无权执行此操作。");
    }

    static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
