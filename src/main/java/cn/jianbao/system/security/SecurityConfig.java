package cn.jianbao.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
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
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * One login for everything: HTTP Basic for API clients, a session (our Chinese login page)
 * for browsers. Camunda's webapps trust that session through container-based
 * authentication; Camunda's REST API runs each call as the signed-in user.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    /** API clients (our /api and Camunda's /engine-rest): Basic or session, never a redirect. */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identity, ObjectMapper json) throws Exception {
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(problem(json)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problem(json)).accessDeniedHandler(denied(json)))
                // session-cookie calls come from our own pages (SameSite=Lax cookie); Basic clients carry no cookie
                .csrf(c -> c.disable())
                .addFilterAfter(new EngineAuthenticationFilter(identity), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** Browsers: our pages and Camunda's webapps behind one form login. */
    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(path("/login"), path("/css/**"), path("/favicon.ico"),
                                path("/actuator/health"), path("/error")).permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l
                        // Tasklist's own logout button ends our session too
                        .logoutRequestMatcher(new OrRequestMatcher(path("/logout"),
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                                        "/camunda/api/admin/auth/user/*/logout")))
                        .logoutSuccessUrl("/login?logout"))
                // Camunda's webapps carry their own CSRF protection on their API
                .csrf(c -> c.ignoringRequestMatchers(path("/camunda/api/**")))
                .httpBasic(Customizer.withDefaults());
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

    /** Path matchers that also see Camunda's Jersey servlets, not only Spring MVC's. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static AuthenticationEntryPoint problem(ObjectMapper json) {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"jianbao\", charset=\"UTF-8\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "请先登录：用户名或密码缺失或不正确。");
        };
    }

    private static AccessDeniedHandler denied(ObjectMapper json) {
        return (request, response, ex) -> write(json, response, HttpStatus.FORBIDDEN, "您无权执行此操作。");
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
