package cn.jianbao.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A browser's session as our pages and Tasklist have it: signed in through the login form,
 * holding the session and CSRF cookies. Requests carry whatever headers a test gives them, so a
 * test can play a page of ours or another site's page.
 */
public final class CookieSession {

    private final HttpClient http;
    private final CookieManager cookies;
    private final String base;
    private List<String> loginCookies = List.of();

    private CookieSession(String base, CookieManager cookies, SSLContext tls) {
        this.base = base;
        this.cookies = cookies;
        HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** The same browser (its cookies) talking to another application node, as a proxy would switch it. */
    public CookieSession at(int port) {
        return new CookieSession("http://localhost:" + port, cookies, null);
    }

    /** Signs in through the login page, as a person does. */
    public static CookieSession login(int port, String user, String password) {
        return login("http://localhost:" + port, null, user, password);
    }

    /** Signs in at an address of its own (a proxy over HTTPS, trusting {@code tls}'s certificates). */
    public static CookieSession login(String base, SSLContext tls, String user, String password) {
        CookieSession s = new CookieSession(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL), tls);
        HttpResponse<String> page = s.get("/login");
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF field on the login page");
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = s.send("POST", "/login", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login failed for " + user + ": " + r.statusCode());
        }
        s.loginCookies = r.headers().allValues("Set-Cookie");
        s.get("/", "Accept", "text/html"); // where the login sends the browser; our token cookie comes with it
        return s;
    }

    /** The Set-Cookie headers of the login's answer, as they reached the browser. */
    public List<String> loginCookies() {
        return loginCookies;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Our CSRF header, as our pages send it. */
    public String[] csrf() {
        return new String[] {"X-CSRF-TOKEN", cookie("jianbao-csrf")};
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        try {
            return ProxyClient.sendOnce(http, b.build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> json(String method, String path, String json, String... headers) {
        return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A submission as our API takes it: a meta part and optional files. */
    public HttpResponse<String> submit(String metaJson, Map<String, byte[]> files, String... headers) {
        String boundary = "----jianbao" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
                metaJson.getBytes(StandardCharsets.UTF_8));
        files.forEach((name, content) -> part(out, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\""
                + name + "\"\r\nContent-Type: application/octet-stream", content));
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", "/api/submissions", "multipart/form-data; boundary=" + boundary, out.toByteArray(), headers);
    }

    private static void part(ByteArrayOutputStream out, String boundary, String head, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
