package cn.jianbao.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that would change something when a browser says it comes from another site
 * ({@code Sec-Fetch-Site}) or names another origin ({@code Origin}), whatever credentials it
 * carries: a page elsewhere can never act for a signed-in user, also not on Camunda's own API
 * or its logout. Programs (curl, HTTP clients) send neither header.
 */
final class CrossSiteRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ObjectMapper json;

    CrossSiteRequests(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod()) && crossSite(request)) {
            SecurityConfig.write(json, response, HttpStatus.FORBIDDEN, "拒绝来自其他网站的请求。");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equals(site) || "same-site".equals(site)) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null) {
                return true; // "null" and other opaque origins
            }
            // behind a proxy the browser's host arrives as X-Forwarded-Host (docker/: the proxy sets it)
            return !sameHost(o, request.getHeader("Host")) && !sameHost(o, request.getHeader("X-Forwarded-Host"));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean sameHost(URI origin, String host) {
        if (host == null) {
            return false;
        }
        String originHost = origin.getPort() < 0 ? origin.getHost() : origin.getHost() + ":" + origin.getPort();
        return originHost.equalsIgnoreCase(host) || defaultPort(origin) && origin.getHost().equalsIgnoreCase(host);
    }

    private static boolean defaultPort(URI origin) {
        return origin.getPort() < 0 || ("http".equals(origin.getScheme()) && origin.getPort() == 80)
                || ("https".equals(origin.getScheme()) && origin.getPort() == 443);
    }
}
