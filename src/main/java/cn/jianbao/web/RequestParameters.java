package cn.jianbao.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Parameters and path segments carry text only: a control character in {@code q}, {@code unit}
 * or any other parameter is refused with 400 naming it, before a query sends it to PostgreSQL
 * (which answers a NUL with an error). Our pages and API through Spring MVC (query, form and
 * multipart fields, path variables); Camunda's REST API and the webapps' engine API through a filter.
 */
@Configuration(proxyBeanMethods = false)
class RequestParameters implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!(handler instanceof org.springframework.web.method.HandlerMethod)) {
                    return true; // static files read no parameter
                }
                check(request.getParameterMap());
                if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
                    variables.forEach((name, value) -> Inputs.text(String.valueOf(name), String.valueOf(value)));
                }
                return true;
            }
        });
    }

    static void check(Map<String, String[]> parameters) {
        parameters.forEach((name, values) -> {
            Inputs.text("参数名", name);
            for (String v : values) {
                Inputs.text(name, v);
            }
        });
    }

    /** Camunda's REST API (Jersey, outside Spring MVC): the query string and form fields alike. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRequestParameters(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    String type = request.getContentType();
                    if (type != null && type.toLowerCase().startsWith("multipart/")) {
                        queryString(request.getQueryString()); // its parts are files, read by the engine
                    } else {
                        check(request.getParameterMap());
                    }
                } catch (BadRequestException e) {
                    // in the error shape of Camunda's REST API, as its other refusals (EngineRestErrors)
                    response.setStatus(400);
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    response.setCharacterEncoding("UTF-8");
                    json.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException",
                            "message", e.getMessage(), "field", e.field()));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(-90); // after the security chain (-100): a stranger learns nothing from it
        return registration;
    }

    private static void queryString(String query) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            Inputs.text("参数名", name);
            if (eq >= 0) {
                Inputs.text(name, decode(pair.substring(eq + 1)));
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
