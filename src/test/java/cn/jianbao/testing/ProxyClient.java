package cn.jianbao.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
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
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Requests as people and integrators send them to a deployment: HTTPS to the proxy (trusting its
 * certificate, as a browser trusts the office's), HTTP Basic with each person's own password, or a
 * browser's session signed in through the login page ({@link CookieSession}).
 */
public final class ProxyClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final SSLContext tls;
    private final Map<String, String> passwords;
    private final HttpClient http;

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
    static HttpResponse<String> sendOnce(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("GOAWAY")) {
                throw e;
            }
            RESENT.incrementAndGet();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger RESENT = new java.util.concurrent.atomic.AtomicInteger();

    /** Requests sent again after the proxy ended their HTTP/2 connection (GOAWAY), by any client in this JVM. */
    public static int resentAfterGoaway() {
        return RESENT.get();
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

    /** A browser signed in through the login page at the proxy; its cookies as the proxy's responses set them. */
    public CookieSession login(String user) {
        return CookieSession.login(base, tls, user, passwords.get(user));
    }
}
