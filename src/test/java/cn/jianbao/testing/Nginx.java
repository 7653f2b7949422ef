package cn.jianbao.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's nginx running the repository's {@code docker/nginx.conf} as it is, with only what names
 * the machine changed: the upstream servers ({@code app1}, {@code app2}) become the two nodes'
 * loopback ports, the listen ports 80 and 443 free loopback ports, and the certificate folder a
 * test's. Each change must match exactly where the file has it, so a file that no longer fits fails
 * here rather than being tested half. The file is included in an {@code http} block, as the
 * official image includes {@code conf.d/*.conf}.
 */
public final class Nginx implements AutoCloseable {

    private final Path dir;
    private final int httpPort;
    private final int httpsPort;
    private Process process;

    private Nginx(Path dir, int httpPort, int httpsPort) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    public static Optional<Path> binary() {
        return Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx").map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    /** The site file with the machine's names put in; fails where the file does not have them. */
    static String adapt(String conf, List<Integer> upstreams, int httpPort, int httpsPort, Path certs) {
        String out = replaceEach(conf, Pattern.compile("(?m)^(\\s*server\\s+)app(\\d):8080\\b"),
                m -> m.group(1) + "127.0.0.1:" + upstreams.get(Integer.parseInt(m.group(2)) - 1), upstreams.size());
        out = replaceEach(out, Pattern.compile("(?m)^(\\s*listen\\s+)80;"), m -> m.group(1) + "127.0.0.1:" + httpPort + ";", 1);
        out = replaceEach(out, Pattern.compile("(?m)^(\\s*listen\\s+)443(\\s)"), m -> m.group(1) + "127.0.0.1:" + httpsPort + m.group(2), 1);
        return replaceEach(out, Pattern.compile("/etc/nginx/certs/"), m -> certs.toAbsolutePath() + "/", 2);
    }

    private static String replaceEach(String text, Pattern pattern, java.util.function.Function<Matcher, String> with,
                                      int expected) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int found = 0;
        while (m.find()) {
            found++;
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        if (found != expected) {
            throw new AssertionError("docker/nginx.conf: expected " + expected + " match(es) of " + pattern + ", found " + found);
        }
        return out.toString();
    }

    /**
     * Starts nginx in {@code dir} with the site file adapted; its access log records which node
     * served each request and every retry on the other ({@code $upstream_addr}, {@code $upstream_status}).
     */
    public static Nginx start(Path siteConf, Path dir, List<Integer> upstreams, int httpPort, int httpsPort, Path certs)
            throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("nginx is not installed"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("site.conf"), adapt(Files.readString(siteConf), upstreams, httpPort, httpsPort, certs));
        boolean root = "root".equals(System.getProperty("user.name"));
        String main = (root ? "user root;\n" : "") + """
                worker_processes 1;
                error_log %1$s/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    default_type application/octet-stream;
                    log_format upstreams '$msec|$request_method|$uri|$status|$upstream_addr|$upstream_status|$request_time';
                    access_log %1$s/access.log upstreams;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_timeout 65;
                    include %1$s/site.conf;
                }
                """.formatted(dir.toAbsolutePath());
        Files.writeString(dir.resolve("nginx.conf"), main);
        Process test = new ProcessBuilder(binary.toString(), "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).start();
        String said = new String(test.getInputStream().readAllBytes());
        if (test.waitFor() != 0) {
            throw new AssertionError("nginx -t refuses docker/nginx.conf:\n" + said);
        }
        Nginx nginx = new Nginx(dir, httpPort, httpsPort);
        nginx.process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", httpsPort)) {
                return nginx;
            } catch (IOException e) {
                if (!nginx.process.isAlive()) {
                    throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen within 20 s");
    }

    public Path accessLog() {
        return dir.resolve("access.log");
    }

    public String https() {
        return "https://localhost:" + httpsPort;
    }

    public String http() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
