package cn.jianbao.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Requests as people and integrators send them to a deployment: HTTPS to the proxy (trusting its
 * certificate, as a browser trusts the office's), HTTP Basic with each person's own password, or a
 * browser's session signed in through the login page with its cookies.
 */
public final class ProxyClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final SSLContext tls;
    private final Map<String, String> passwords;
    private final HttpClient http;
    private final java.util.concurrent.atomic.AtomicInteger resent = new java.util.concurrent.atomic.AtomicInteger();

    public ProxyClient(String base, SSLContext tls, Map<String, String> passwords) {
        this.base = base;
        this.tls = tls;
        this.passwords = passwords;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** Trusts exactly this certificate (PEM), as a browser trusts the office's. */
    public static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> send(String user, String method, String path, String contentType, byte[] body,
                                     String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return sendOnce(http, b.build());
    }

    /**
     * nginx ends an HTTP/2 connection after 1000 requests (keepalive_requests) with GOAWAY; a browser
     * sends what was left unanswered again on a new connection. The JDK's client before 24 fails every
     * request in flight on it instead, processed or not (JDK-8335181): sent again here, once. Our writes
     * bear that: a submission carries its Idempotency-Key (the repeat answers 200 with the item stored),
     * a decision repeated finds its step done (404/409).
     */
    private HttpResponse<String> sendOnce(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("GOAWAY")) {
                throw e;
            }
            resent.incrementAndGet();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Requests sent again after the proxy ended their HTTP/2 connection (GOAWAY). */
    public int resentAfterGoaway() {
        return resent.get();
    }

    public HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return send(user, "GET", path, null, null);
    }

    public JsonNode getJson(String user, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(user, path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " as " + user + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> json(String user, String method, String path, String json) throws IOException, InterruptedException {
        return send(user, method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A submission with a text and no files; the key makes a repeated request store it once. */
    public HttpResponse<String> submit(String user, String title, String text, String idempotencyKey)
            throws IOException, InterruptedException {
        String boundary = "b" + UUID.randomUUID();
        String meta = "{\"title\":" + JSON.writeValueAsString(title) + ",\"kind\":\"dynamic\",\"classification\":\"public\","
                + "\"text\":" + JSON.writeValueAsString(text) + "}";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json"
                + "\r\n\r\n" + meta + "\r\n--" + boundary + "--\r\n";
        return send(user, "POST", "/api/submissions", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8), "Idempotency-Key", idempotencyKey);
    }

    public static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** A browser signed in through the login page; its cookies as the proxy's responses set them. */
    public Browser login(String user) throws IOException, InterruptedException {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.send("GET", "/login", null, null);
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new IOException("no CSRF field on the login page: " + page.statusCode());
        }
        String form = "username=" + enc(user) + "&password=" + enc(passwords.get(user)) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = browser.send("POST", "/login", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IOException("login failed for " + user + ": " + r.statusCode());
        }
        browser.loginCookies = r.headers().allValues("Set-Cookie");
        browser.send("GET", "/", null, null, "Accept", "text/html");
        return browser;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public final class Browser {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient client;
        private List<String> loginCookies = List.of();

        private Browser() {
            HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (tls != null) {
                b.sslContext(tls);
            }
            client = b.build();
        }

        /** The Set-Cookie headers of the login's answer, as the proxy passed them on. */
        public List<String> loginCookies() {
            return loginCookies;
        }

        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        public HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return sendOnce(client, b.build());
        }

        /** A change as our pages make it: JSON with the CSRF header. */
        public HttpResponse<String> json(String method, String path, String json) throws IOException, InterruptedException {
            return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8),
                    "X-CSRF-TOKEN", cookie("jianbao-csrf"));
        }
    }
}
