package cn.jianbao.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Which Camunda version runs is the administrator's business, not every user's (it tells an
 * attacker which published weaknesses to try): the engine's {@code /version} answers only
 * administrators, and the webapps' pages leave the version out of their footer.
 */
@Configuration(proxyBeanMethods = false)
class EngineVersionHidden {

    private static final Pattern VERSION_PATH = Pattern.compile("/(engine-rest|camunda/api/engine/engine/[^/]+)/version/?");
    private static final Pattern FOOTER_VERSION = Pattern.compile("version=\"v?\\d+\\.\\d+[^\"]*\"");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineVersionFilter(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (VERSION_PATH.matcher(path).matches() && !admin()) {
                    SecurityConfig.write(json, response, HttpStatus.NOT_FOUND, "请求的地址不存在。");
                    return;
                }
                boolean page = path.startsWith("/camunda/app/") && (path.endsWith("/") || path.endsWith(".html"));
                if (!page || !"GET".equals(request.getMethod())) {
                    chain.doFilter(request, response);
                    return;
                }
                ContentCachingResponseWrapper html = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, html);
                String type = html.getContentType();
                if (type != null && type.startsWith("text/html")) {
                    String text = new String(html.getContentAsByteArray(), StandardCharsets.UTF_8);
                    byte[] without = FOOTER_VERSION.matcher(text).replaceAll("version=\"\"").getBytes(StandardCharsets.UTF_8);
                    html.resetBuffer();
                    html.getOutputStream().write(without);
                }
                html.copyBodyToResponse();
            }
        });
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/camunda/app/*");
        registration.setOrder(-80); // after the security chain (-100): it knows who asks
        return registration;
    }

    private static boolean admin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
