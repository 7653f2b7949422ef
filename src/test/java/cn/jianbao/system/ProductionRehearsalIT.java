package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.jianbao.system.embedded.EmbeddedElasticsearch;
import cn.jianbao.testing.AppProcess;
import cn.jianbao.testing.CookieSession;
import cn.jianbao.testing.JarProcess;
import cn.jianbao.testing.Nginx;
import cn.jianbao.testing.ProxyClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Production's shape without Docker: PostgreSQL and Elasticsearch as servers of their own (the
 * binaries of the embedded default, started here, the database owned by an ordinary role), the
 * packaged jar started with {@code java -jar} and only the environment the README and the operations
 * guide name, Debian's nginx in front with {@code docker/nginx.conf} (see {@link Nginx}), TLS at the
 * proxy, mail to a real SMTP server (GreenMail).
 * <p>
 * First the upgrade: the previous release's jar (built from git, see
 * {@code src/test/resources/rehearsal/previous-release}) sets up the office as an administrator
 * would and does work, is stopped, and this release starts on the same database and index. Then two
 * nodes of this release behind the proxy take load from several clients (submissions with returns
 * and revisions, decisions, issues signed, searches, a browser's session) while one node is killed
 * with SIGKILL and started again, and later the other is stopped with SIGTERM and started again.
 * The report goes to {@code target/rehearsal-report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionRehearsalIT {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path TARGET = PROJECT.resolve("target");
    private static final Duration START = Duration.ofMinutes(4);
    private static final String ADMIN_PASSWORD = "Rehearsal#Office26";
    private static final String DB_PASSWORD = "Db#Rehearsal26";
    private static final String LOAD = "演练报送";

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final List<JarProcess> running = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private Path work;
    private Path jar;
    private EmbeddedPostgres postgres;
    private EmbeddedElasticsearch elasticsearch;
    private GreenMail mail;
    private Nginx nginx;
    private boolean directoryMade;

    @BeforeAll
    void servers() throws Exception {
        assumeTrue(Nginx.binary().isPresent(), "nginx is not installed (.ci/run installs Debian's)");
        jar = Path.of(System.getProperty("jianbao.rehearsal.jar", TARGET.resolve("jianbao-0.1.0-SNAPSHOT.jar").toString()));
        assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();
        work = AppProcess.dataFolder("jianbao-rehearsal-");
        Files.createDirectories(TARGET.resolve("rehearsal"));
        try (Stream<Path> logs = Files.list(TARGET.resolve("rehearsal"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log") && !p.endsWith("previous-build.log")).toList()) {
                Files.delete(log); // the nodes append: a fresh log for this run
            }
        }
        // Elasticsearch takes longest: launched first, waited for last
        elasticsearch = EmbeddedElasticsearch.start(Path.of(System.getProperty("jianbao.elasticsearch.embedded.home")),
                work.resolve("elasticsearch"));
        postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100").setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            // as an office's DBA provisions it: an ordinary role owning its database, no superuser
            c.createStatement().execute("create role jianbao login password '" + DB_PASSWORD + "'");
            c.createStatement().execute("create database jianbao owner jianbao");
        }
        mail = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        elasticsearch.awaitReady(Duration.ofMinutes(3));
        passwords.put("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stopAll() throws Exception {
        for (JarProcess node : running) {
            if (node.alive()) {
                node.kill();
            }
        }
        if (nginx != null) {
            nginx.close();
            Files.copy(nginx.accessLog(), TARGET.resolve("rehearsal/nginx-access.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (mail != null) {
            mail.stop();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (!report.isEmpty()) {
            Files.write(TARGET.resolve("rehearsal-report.txt"), report);
        }
        AppProcess.delete(work);
    }

    // --- the upgrade ---

    @Test
    @Order(1)
    void theNewReleaseTakesOverThePreviousOnesDatabaseAndIndex() throws Exception {
        Optional<Path> previous = previousRelease();
        assumeTrue(previous.isPresent(), "no previous release to upgrade from (git history without its commit)");
        int port = AppProcess.freePort();
        JarProcess old = node("previous", previous.get(), port, Map.of());
        Duration up = old.start(START);
        line("upgrade: previous release (%s) up in %.1f s on an empty database", previousCommit(), up.toMillis() / 1000.0);
        ProxyClient direct = new ProxyClient("http://127.0.0.1:" + port, null, passwords);
        makeDirectory(direct);

        // work in every state the new release must carry on
        String waiting = submit(direct, "huangjiang-liaison", "升级前待审批的信息");
        String reviewing = submit(direct, "qingxi-liaison", "升级前待审核的信息");
        decideAll(direct, "qingxi-leader", reviewing, "approve");
        String published = submit(direct, "huangjiang-liaison", "升级前已刊发的信息");
        decideAll(direct, "huangjiang-leader", published, "approve");
        decideAll(direct, "editor", published, "approve");
        decideAll(direct, "signer", published, "standalone");
        String firstIssue = publish(direct, List.of(published), false, "升级前专刊");
        String adopted = submit(direct, "qingxi-liaison", "升级前已采用待编发的信息");
        decideAll(direct, "qingxi-leader", adopted, "approve");
        decideAll(direct, "editor", adopted, "approve");
        decideAll(direct, "signer", adopted, "comprehensive");
        Map<String, String> versions = new LinkedHashMap<>();
        for (String id : List.of(waiting, reviewing, adopted)) {
            versions.put(id, definitionOf(direct, id));
        }
        await("the previous release's archive has the issue").atMost(Duration.ofSeconds(90))
                .until(() -> pending(direct) == 0 && searchTotal(direct, "\"升级前已刊发的信息\"") == 1);
        String indexBefore = archiveIndex();
        List<String> migrationsBefore = migrations();
        Duration stopped = old.stop();
        assertThat(old.exitValue()).as("the previous release stops cleanly on SIGTERM").isIn(0, 143);

        JarProcess upgraded = node("upgraded", jar, port, Map.of());
        up = upgraded.start(START);
        line("upgrade: previous stopped in %.1f s; this release up on its database in %.1f s", stopped.toMillis() / 1000.0,
                up.toMillis() / 1000.0);

        // migrations: the previous ones kept, this release's applied, all successful
        List<String> migrationsAfter = migrations();
        List<String> shipped;
        try (Stream<Path> files = Stream.concat(Files.list(PROJECT.resolve("src/main/resources/db/migration")),
                Files.list(PROJECT.resolve("src/main/java/db/migration")))) {
            shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.(sql|java)"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
        }
        assertThat(migrationsAfter).startsWith(migrationsBefore.toArray(String[]::new)).containsExactlyElementsOf(shipped);
        assertThat(count("select count(*) from jianbao_schema_history where not success")).isZero();
        List<String> applied = migrationsAfter.subList(migrationsBefore.size(), migrationsAfter.size());
        line("upgrade: migrations applied at the start: %s (previously %d)", applied.isEmpty() ? "none" : "V" + String.join(", V", applied),
                migrationsBefore.size());

        // processes on their way stay on the version they started with, and its Tasklist form still loads
        versions.forEach((id, definition) -> {
            try {
                assertThat(definitionOf(direct, id)).as("process of " + id).isEqualTo(definition);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String latest = direct.getJson("admin", "/engine-rest/process-definition/key/submission").get("id").asText();
        JsonNode leaderTask = direct.getJson("huangjiang-leader", "/engine-rest/task?processInstanceBusinessKey=" + waiting).get(0);
        HttpResponse<String> form = direct.get("huangjiang-leader", "/engine-rest/task/" + leaderTask.get("id").asText() + "/deployed-form");
        assertThat(form.statusCode()).as("the old version's form, deployed with it: " + form.body()).isEqualTo(200);
        line("upgrade: %d processes in flight kept their version (%s); new items start on %s",
                versions.size(), String.join(", ", new LinkedHashSet<>(versions.values())), latest);

        // ... and go on to the end on this release
        decideAll(direct, "huangjiang-leader", waiting, "approve");
        decideAll(direct, "editor", waiting, "approve");
        decideAll(direct, "signer", waiting, "comprehensive");
        decideAll(direct, "editor", reviewing, "approve");
        decideAll(direct, "signer", reviewing, "comprehensive");
        String secondIssue = publish(direct, List.of(waiting, reviewing, adopted), true, "升级后综合");
        assertThat(direct.getJson("editor", "/api/issues/" + secondIssue).path("numberLabel").asText()).contains("第2期");
        for (String id : List.of(waiting, reviewing, adopted, published)) {
            assertThat(direct.getJson("admin", "/api/submissions/" + id).get("status").asText()).as(id).isEqualTo("published");
        }
        String fresh = submit(direct, "huangjiang-liaison", "升级后新报送的信息");
        assertThat(definitionOf(direct, fresh)).isEqualTo(latest);
        assertThat(direct.get("editor", "/api/issues/" + firstIssue + "/document?format=pdf").statusCode())
                .as("the previous release's printed issue").isEqualTo(200);

        // the archive: the same index (its mapping did not change), caught up with what was done since
        await("the archive has the second issue's items").atMost(Duration.ofSeconds(90))
                .until(() -> pending(direct) == 0 && searchTotal(direct, "\"升级前待审批的信息\"") == 1
                        && searchTotal(direct, "\"升级前已采用待编发的信息\"") == 1);
        assertThat(archiveIndex()).as("the index behind the alias (not rebuilt)").isEqualTo(indexBefore);
        assertThat(Files.readString(upgraded.log())).doesNotContain("rebuilding it");
        assertThat(searchTotal(direct, "\"升级前已刊发的信息\"")).isEqualTo(1);
        assertThat(count("select count(*) from act_ru_incident")).isZero();
        line("upgrade: archive index %s kept (mapping unchanged), no rebuild; 2 issues numbered 第1期, 第2期", indexBefore);
        upgraded.stop();
        running.remove(upgraded);
    }

    // --- production under load ---

    @Test
    @Order(2)
    void twoNodesBehindTheProxyLoseOneUnderLoadAndNothingAcknowledgedIsLost() throws Exception {
        Path certs = Files.createDirectories(work.resolve("certs"));
        certificate(certs);
        int portA = AppProcess.freePort();
        int portB = AppProcess.freePort();
        JarProcess a = node("node-a", jar, portA, Map.of());
        // node B with an administrator password the policy refuses: it only warns (admin exists, nothing changes)
        JarProcess b = node("node-b", jar, portB, Map.of("JIANBAO_ADMIN_PASSWORD", "weakpass1"));
        if (directoryMade) {
            // on the database the upgrade left: both at once, as compose restarts them
            ExecutorService starting = Executors.newFixedThreadPool(2);
            Future<Duration> upA = starting.submit(() -> a.start(START));
            Future<Duration> upB = starting.submit(() -> b.start(START));
            line("two nodes: started together, up in %.1f s and %.1f s", upA.get().toMillis() / 1000.0, upB.get().toMillis() / 1000.0);
            starting.shutdown();
        } else {
            // an empty database (no previous release to upgrade from): the first start alone makes the schema
            Duration upA = a.start(START);
            Duration upB = b.start(START);
            line("two nodes: the first up in %.1f s on the empty database, then the second in %.1f s",
                    upA.toMillis() / 1000.0, upB.toMillis() / 1000.0);
        }
        nginx = Nginx.start(PROJECT.resolve("docker/nginx.conf"), work.resolve("nginx"), List.of(portA, portB),
                AppProcess.freePort(), AppProcess.freePort(), certs);
        ProxyClient proxy = new ProxyClient(nginx.https(), ProxyClient.trusting(certs.resolve("jianbao.crt")), passwords);
        if (!directoryMade) {
            makeDirectory(proxy);
        }

        // TLS at the proxy: plain HTTP redirects, HSTS, cookies Secure (the nodes believe the proxy's https)
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(nginx.http() + "/items?x=1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValue("https://localhost/items?x=1");
        HttpResponse<String> me = proxy.get("editor", "/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().firstValue("Strict-Transport-Security")).isPresent();
        CookieSession browser = proxy.login("qingxi-liaison");
        assertThat(browser.loginCookies()).isNotEmpty().allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
        line("proxy: HTTP answered 301 to HTTPS, HSTS sent, the login's %d cookie(s) Secure", browser.loginCookies().size());

        Load load = new Load(proxy, browser);
        load.start();
        Thread.sleep(10_000); // load on both nodes
        long killedAt = System.currentTimeMillis();
        a.kill();
        line("node-a killed (SIGKILL) at +%.1f s", load.since(killedAt));
        Thread.sleep(6_000); // node-b alone
        Duration restartA = a.start(START);
        line("node-a started again under load: up in %.1f s", restartA.toMillis() / 1000.0);
        Thread.sleep(12_000); // the proxy tries node-a again after fail_timeout (10 s)
        long stoppedAt = System.currentTimeMillis();
        Duration stopB = b.stop();
        line("node-b stopped (SIGTERM) at +%.1f s: exited in %.1f s (code %d)", load.since(stoppedAt),
                stopB.toMillis() / 1000.0, b.exitValue());
        Thread.sleep(2_000);
        Duration restartB = b.start(START);
        line("node-b started again under load: up in %.1f s", restartB.toMillis() / 1000.0);
        Thread.sleep(11_000); // the proxy tries node-b again
        load.stop();

        // what the clients saw
        load.report(killedAt, stoppedAt);
        ProxyLog proxyLog = ProxyLog.read(nginx.accessLog());
        line("proxy: %d requests, %d retried on the other node (%d of them then succeeded), %d answered 502/504",
                proxyLog.requests, proxyLog.retried, proxyLog.retriedOk, proxyLog.gatewayErrors);
        line("proxy: %d requests sent again by the client after the proxy ended their HTTP/2 connection (GOAWAY "
                + "after 1000 requests on it), as browsers do", ProxyClient.resentAfterGoaway());
        line("proxy: node-a served %d requests after its restart, node-b %d", proxyLog.servedAfter(portA, killedAt + restartA.toMillis()),
                proxyLog.servedAfter(portB, stoppedAt + restartB.toMillis()));
        assertThat(proxyLog.servedAfter(portA, killedAt + restartA.toMillis())).as("node-a back in the rotation").isPositive();
        assertThat(proxyLog.servedAfter(portB, stoppedAt + restartB.toMillis())).as("node-b back in the rotation").isPositive();

        assertThat(load.submissions.acknowledged).as("submissions acknowledged").hasSizeGreaterThan(20);
        assertThat(load.reads.failed).as("reads failed (the proxy retries them on the other node)").isZero();
        assertThat(load.session.failed).as("the browser's session requests that failed").isZero();
        assertThat(load.session.signedOut).as("the browser was never signed out").isZero();
        assertThat(load.submissions.failed).as("submissions that failed after their retries").isZero();
        assertThat(load.decisions.failed).as("decisions that failed after their retries").isZero();

        // every acknowledged submission stored whole, once (its Idempotency-Key retries included)
        await("the archive's backlog drained").atMost(Duration.ofSeconds(120)).until(() -> pending(proxy) == 0);
        for (Map.Entry<String, String> ack : load.submissions.acknowledged.entrySet()) {
            JsonNode item = proxy.getJson("admin", "/api/submissions/" + ack.getKey());
            assertThat(item.get("title").asText()).isEqualTo(ack.getValue());
            assertThat(item.get("text").asText()).as("the text as sent (or as revised)")
                    .startsWith(ack.getValue() + "：本单位本周工作动态，数据详实。");
            assertThat(storedTotal(proxy, ack.getValue())).as("stored once: " + ack.getValue()).isEqualTo(1);
        }
        // every acknowledged decision is in the engine's history as done
        for (String task : load.decisions.acknowledgedTasks) {
            JsonNode done = proxy.getJson("admin", "/engine-rest/history/task?taskId=" + task);
            assertThat(done).as("task " + task).hasSize(1);
            assertThat(done.get(0).path("endTime").isNull()).as("task " + task + " completed").isFalse();
        }
        // issues: every acknowledged sign-off published, numbers gapless whichever node signed
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode issue : proxy.getJson("editor", "/api/issues")) {
            Matcher m = Pattern.compile("第(\\d+)期").matcher(issue.path("numberLabel").asText());
            if (m.find()) {
                numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        Collections.sort(numbers);
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
        for (String issue : load.signed) {
            assertThat(proxy.getJson("editor", "/api/issues/" + issue).path("status").asText()).as(issue).isEqualTo("published");
        }
        // the archive complete: every stored item found
        await("the search holds every stored item").atMost(Duration.ofSeconds(120))
                .until(() -> searchTotal(proxy, "\"" + LOAD + "\"") == storedTotal(proxy, LOAD));
        long stored = storedTotal(proxy, LOAD);
        assertThat(stored).isGreaterThanOrEqualTo(load.submissions.acknowledged.size());

        // timers and reminders once: the daily run (every two seconds on both nodes) started once today,
        // each mail sent once, no job failed
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(proxy.getJson("admin", "/engine-rest/history/process-instance/count?processDefinitionKey=quotaReminders"
                + "&processInstanceBusinessKey=" + today).get("count").asInt()).as("daily 催报 runs today").isEqualTo(1);
        await("every mail sent").atMost(Duration.ofSeconds(90))
                .until(() -> count("select count(*) from notification_delivery where channel = 'email' and status = 'pending'") == 0);
        long sent = count("select count(*) from notification_delivery where channel = 'email' and status = 'sent'");
        MimeMessage[] received = mail.getReceivedMessages();
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : received) {
            ids.add(m.getMessageID());
        }
        assertThat(sent).as("mail sent").isPositive();
        assertThat((long) ids.size()).as("distinct mails = deliveries").isEqualTo(sent);
        // a node killed between sending and recording resends that one, with the same Message-ID
        assertThat(received.length - sent).isBetween(0L, 1L);
        // what the operator watches (operations guide): both outboxes empty, nothing given up
        JsonNode outbox = proxy.getJson("admin", "/api/notifications/status");
        assertThat(outbox.get("pending").asLong()).isZero();
        assertThat(outbox.get("failed").asLong()).isZero();
        assertThat(proxy.getJson("admin", "/api/archive/status").get("pending").asLong()).isZero();
        assertThat(count("select count(*) from act_ru_incident")).isZero();
        assertThat(proxy.getJson("admin", "/engine-rest/job/count?noRetriesLeft=true").get("count").asInt()).isZero();
        // the nodes ran without a locale (as a bare service): their Chinese log lines are still Chinese
        for (JarProcess node : List.of(a, b)) {
            assertThat(Files.readString(node.log())).as(node.name() + "'s log").doesNotContain("??????");
        }
        assertThat(Files.readString(b.log())).contains("JIANBAO_ADMIN_PASSWORD does not meet the password policy (密码");
        line("after: %d items stored (%d acknowledged), all found in the archive; %d issues numbered %s; "
                        + "1 daily run; %d mails for %d deliveries (%d distinct); 0 incidents",
                stored, load.submissions.acknowledged.size(), numbers.size(), numbers.isEmpty() ? "-" : "1–" + numbers.size(),
                received.length, sent, ids.size());
    }

    // --- the load ---

    /** Counts of one kind of request as the clients saw them. */
    static final class Tally {
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final List<String> acknowledgedTasks = Collections.synchronizedList(new ArrayList<>());
        final List<Long> failures = Collections.synchronizedList(new ArrayList<>());
        volatile int sent;
        volatile int ok;
        volatile int retried;
        volatile int failed;
        volatile int signedOut;

        synchronized void sent() {
            sent++;
        }

        synchronized void ok(boolean afterRetry) {
            ok++;
            if (afterRetry) {
                retried++;
            }
        }

        final Map<String, Integer> reasons = new ConcurrentHashMap<>();

        /** A failed attempt; those the node loss caused (no answer, or a gateway error) time the recovery. */
        synchronized void failedOnce(String reason) {
            if (reason.contains("-> 50") || reason.startsWith("IOException")) {
                failures.add(System.currentTimeMillis());
            }
            reasons.merge(reason, 1, Integer::sum);
        }

        synchronized void gaveUp() {
            failed++;
        }

        long failuresBetween(long from, long to) {
            synchronized (failures) {
                return failures.stream().filter(t -> t >= from && t < to).count();
            }
        }

        long lastFailureBetween(long from, long to) {
            synchronized (failures) {
                return failures.stream().filter(t -> t >= from && t < to).mapToLong(t -> t).max().orElse(from);
            }
        }
    }

    /**
     * Clients through the proxy: two liaisons submitting (each with an Idempotency-Key, retried on a
     * failure) and revising what came back, the leaders deciding (one in six returned), the office
     * reviewing, adopting and publishing issues (one in three items standalone, the rest in
     * comprehensive issues of five), a searcher, and a browser's session reading and changing settings.
     */
    final class Load {
        final ProxyClient proxy;
        final CookieSession browser;
        final Tally submissions = new Tally();
        final Tally decisions = new Tally();
        final Tally reads = new Tally();
        final Tally session = new Tally();
        final List<String> signed = Collections.synchronizedList(new ArrayList<>());
        final List<String> standalone = Collections.synchronizedList(new ArrayList<>());
        final List<String> comprehensive = Collections.synchronizedList(new ArrayList<>());
        final Set<String> issued = ConcurrentHashMap.newKeySet();
        final Set<String> sentBack = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger replayed = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean on = true;
        long startedAt;
        private final ExecutorService clients = Executors.newFixedThreadPool(6);
        private int returns;
        private int revisions;
        private int issues;

        Load(ProxyClient proxy, CookieSession browser) {
            this.proxy = proxy;
            this.browser = browser;
        }

        double since(long t) {
            return (t - startedAt) / 1000.0;
        }

        void start() {
            startedAt = System.currentTimeMillis();
            for (String unit : List.of("huangjiang", "qingxi")) {
                clients.submit(() -> loop(() -> liaison(unit)));
            }
            clients.submit(() -> loop(() -> {
                leaders();
                office();
            }));
            clients.submit(() -> loop(this::search));
            clients.submit(() -> loop(this::browse));
        }

        void stop() throws InterruptedException {
            on = false;
            clients.shutdown();
            assertThat(clients.awaitTermination(3, TimeUnit.MINUTES)).as("clients finished").isTrue();
        }

        private void loop(Step step) {
            while (on) {
                try {
                    step.run();
                } catch (Exception e) {
                    // counted where it happened; a client goes on as a person would
                }
            }
        }

        private int seq;

        private synchronized int next() {
            return ++seq;
        }

        private void liaison(String unit) throws Exception {
            String user = unit + "-liaison";
            // "号" ends the number, so a search for one title finds no other (-27号 is not in -272号)
            String title = LOAD + "-" + unit + "-" + next() + "号";
            String key = java.util.UUID.randomUUID().toString();
            // 200: the key was seen before (a first attempt stored it, its answer was lost): the stored item
            HttpResponse<String> r = withRetries(submissions, () -> proxy.submit(user, title, title + "：本单位本周工作动态，数据详实。", key),
                    s -> s == 201 || s == 200);
            if (r != null && r.statusCode() == 200) {
                replayed.incrementAndGet();
            }
            if (r != null) {
                submissions.acknowledged.put(ProxyClient.parse(r.body()).get("id").asText(), title);
            }
            for (JsonNode task : tasks(user)) {
                if ("revise".equals(task.path("step").asText())) {
                    // the data the leader asked for, added to the text
                    if (decide(user, task, task.get("choices").get(0).get("code").asText(), null,
                            task.path("title").asText() + "：本单位本周工作动态，数据详实。本月共排查线索12条，办结9条。")) {
                        revisions++;
                    }
                }
            }
            Thread.sleep(1000);
        }

        private void leaders() throws Exception {
            for (String user : List.of("huangjiang-leader", "qingxi-leader")) {
                for (JsonNode task : tasks(user)) {
                    // one in six sent back once; it comes again revised
                    boolean back = Math.floorMod(task.path("title").asText().hashCode(), 6) == 0
                            && sentBack.add(task.get("subjectId").asText());
                    if (decide(user, task, back ? "return" : "approve", back ? "请补充具体数据后再报。" : null) && back) {
                        returns++;
                    }
                }
            }
        }

        private void office() throws Exception {
            for (JsonNode task : tasks("editor")) {
                decide("editor", task, task.get("choices").get(0).get("code").asText(), null);
            }
            for (JsonNode task : tasks("signer")) {
                String step = task.path("step").asText();
                if ("adoptionDecision".equals(step)) {
                    boolean alone = next() % 3 == 0;
                    if (decide("signer", task, alone ? "standalone" : "comprehensive", null)) {
                        (alone ? standalone : comprehensive).add(task.get("subjectId").asText());
                    }
                } else if ("signOff".equals(step)) {
                    if (decide("signer", task, "approve", null)) {
                        signed.add(task.get("subjectId").asText());
                    }
                } else {
                    decide("signer", task, task.get("choices").get(0).get("code").asText(), null);
                }
            }
            List<String> alone;
            synchronized (standalone) {
                alone = standalone.stream().filter(id -> !issued.contains(id)).toList();
            }
            for (String id : alone) {
                compose(List.of(id), false);
            }
            List<String> together;
            synchronized (comprehensive) {
                together = comprehensive.stream().filter(id -> !issued.contains(id)).toList();
            }
            if (together.size() >= 5) {
                compose(together, true);
            }
            Thread.sleep(500);
        }

        private void compose(List<String> items, boolean together) throws Exception {
            String body = "{\"series\":\"briefing\",\"title\":\"" + (together ? "综合信息" : "专刊") + (++issues)
                    + "\",\"comprehensive\":" + together + ",\"submissionIds\":[\"" + String.join("\",\"", items)
                    + "\"],\"distribution\":{\"issue\":[\"huangjiang\",\"qingxi\"]}}";
            // creating an issue is not repeated blindly: a failure is looked up before a second try
            HttpResponse<String> r = withRetries(decisions, () -> proxy.json("editor", "POST", "/api/issues", body),
                    s -> s == 201 || s == 400);
            if (r != null) {
                issued.addAll(items);
            }
        }

        private void search() throws Exception {
            read("editor", "/api/search?size=10&q=" + URLEncoder.encode(LOAD + " 数据", StandardCharsets.UTF_8));
            read("huangjiang-liaison", "/api/submissions?size=20");
            read("signer", "/api/tasks/count");
            Thread.sleep(500);
        }

        private int browsed;

        private void browse() throws Exception {
            session.sent();
            HttpResponse<String> r;
            try {
                r = ++browsed % 10 == 0
                        ? browser.json("PUT", "/api/me/notification-settings", "{\"email\":true}", browser.csrf())
                        : browser.get("/api/me");
            } catch (java.io.UncheckedIOException e) {
                session.failedOnce(reason(e.getCause()));
                session.gaveUp();
                return;
            }
            if (r.statusCode() == 401 || r.statusCode() == 302) {
                session.signedOut++;
            } else if (r.statusCode() != 200) {
                session.failedOnce(reason(r));
                session.gaveUp();
            } else {
                session.ok(false);
            }
            Thread.sleep(300);
        }

        private void read(String user, String path) throws Exception {
            reads.sent();
            String reason;
            try {
                HttpResponse<String> r = proxy.get(user, path);
                if (r.statusCode() == 200) {
                    reads.ok(false);
                    return;
                }
                reason = reason(r);
            } catch (IOException e) {
                reason = reason(e);
            }
            reads.failedOnce(reason);
            reads.gaveUp();
        }

        private List<JsonNode> tasks(String user) throws Exception {
            HttpResponse<String> r = proxy.get(user, "/api/tasks");
            if (r.statusCode() != 200) {
                return List.of();
            }
            List<JsonNode> out = new ArrayList<>();
            ProxyClient.parse(r.body()).forEach(out::add);
            return out;
        }

        /**
         * A decision, retried on a failure; a retry answered 404/409 means the first attempt did it
         * (nobody else holds these steps), which the history check at the end confirms.
         */
        private boolean decide(String user, JsonNode task, String decision, String comment) throws Exception {
            return decide(user, task, decision, comment, null);
        }

        private boolean decide(String user, JsonNode task, String decision, String comment, String text) throws Exception {
            String id = task.get("id").asText();
            String body = "{\"decision\":\"" + decision + "\"" + (comment == null ? "" : ",\"comment\":\"" + comment + "\"")
                    + (text == null ? "" : ",\"text\":\"" + text + "\"") + "}";
            HttpResponse<String> r = withRetries(decisions, () -> proxy.json(user, "POST", "/api/tasks/" + id + "/decision", body),
                    s -> s == 200 || s == 404 || s == 409);
            if (r != null && r.statusCode() == 200) {
                decisions.acknowledgedTasks.add(id);
                return true;
            }
            return false;
        }

        /** Up to five attempts a second apart while the answer is a gateway error or no answer. */
        private HttpResponse<String> withRetries(Tally tally, Call call, java.util.function.IntPredicate done) throws Exception {
            tally.sent();
            for (int attempt = 1; attempt <= 5; attempt++) {
                String reason;
                try {
                    HttpResponse<String> r = call.send();
                    if (done.test(r.statusCode())) {
                        tally.ok(attempt > 1);
                        return r;
                    }
                    reason = reason(r);
                    if (r.statusCode() < 500) {
                        // refused for a reason of its own, not the node loss: counted, not retried
                        tally.failedOnce(reason);
                        tally.gaveUp();
                        return null;
                    }
                } catch (IOException e) {
                    reason = reason(e);
                }
                tally.failedOnce(reason);
                Thread.sleep(1000);
            }
            tally.gaveUp();
            return null;
        }

        void report(long killedAt, long stoppedAt) {
            line("load: %.0f s, 6 clients through the proxy", since(System.currentTimeMillis()));
            line("%-12s %8s %8s %8s %8s", "requests", "sent", "ok", "retried", "failed");
            Map<String, Tally> kinds = new LinkedHashMap<>();
            kinds.put("submissions", submissions);
            kinds.put("decisions", decisions);
            kinds.put("reads", reads);
            kinds.put("session", session);
            for (Map.Entry<String, Tally> e : kinds.entrySet()) {
                Tally t = e.getValue();
                line("%-12s %8d %8d %8d %8d", e.getKey(), t.sent, t.ok, t.retried, t.failed);
                t.reasons.forEach((why, n) -> line("    %dx %s", n, why));
            }
            line("load: %d submissions answered with the item stored by an earlier attempt whose answer was lost (same Idempotency-Key)",
                    replayed.get());
            line("load: %d items acknowledged, %d decisions acknowledged, %d returned and %d revised, %d issues composed, %d signed",
                    submissions.acknowledged.size(), decisions.acknowledgedTasks.size(), returns, revisions, issues, signed.size());
            for (long[] loss : new long[][] {{killedAt, stoppedAt}, {stoppedAt, System.currentTimeMillis()}}) {
                long failedThen = Stream.of(submissions, decisions, reads, session).mapToLong(t -> t.failuresBetween(loss[0], loss[1])).sum();
                long last = Stream.of(submissions, decisions, reads, session).mapToLong(t -> t.lastFailureBetween(loss[0], loss[1]))
                        .max().orElse(loss[0]);
                line("recovery after the %s: %s", loss[0] == killedAt ? "SIGKILL" : "SIGTERM", failedThen == 0
                        ? "no request failed (the proxy sent everything to the other node)"
                        : String.format("%d attempt(s) failed, the last %.1f s after it; every one succeeded when repeated",
                                failedThen, (last - loss[0]) / 1000.0));
            }
        }
    }

    private static String reason(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
        return r.request().method() + " " + r.uri().getPath().replaceAll("[0-9a-f-]{36}", "{id}") + " -> " + r.statusCode()
                + " " + body.substring(0, Math.min(160, body.length()));
    }

    private static String reason(IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    /** nginx's access log: which node served each request, and the retries on the other. */
    static final class ProxyLog {
        int requests;
        int retried;
        int retriedOk;
        int gatewayErrors;
        final List<String[]> lines = new ArrayList<>();

        static ProxyLog read(Path log) throws IOException {
            ProxyLog out = new ProxyLog();
            for (String line : Files.readAllLines(log)) {
                // $msec|$request_method|$uri|$status|$upstream_addr|$upstream_status|$request_time
                String[] f = line.split("\\|", -1);
                if (f.length < 7) {
                    continue;
                }
                out.requests++;
                out.lines.add(f);
                if (f[4].contains(",")) {
                    out.retried++;
                    if (f[3].charAt(0) < '5') {
                        out.retriedOk++;
                    }
                }
                if (f[3].equals("502") || f[3].equals("504")) {
                    out.gatewayErrors++;
                }
            }
            return out;
        }

        /** Requests the node answered (the last upstream tried) after the given time. */
        long servedAfter(int port, long millis) {
            return lines.stream().filter(f -> (long) (Double.parseDouble(f[0]) * 1000) > millis)
                    .filter(f -> f[4].strip().endsWith("127.0.0.1:" + port) && !f[5].strip().endsWith("502"))
                    .count();
        }
    }

    // --- what an administrator does first ---

    /**
     * The office as a new installation gets it: the administrator (from JIANBAO_ADMIN_PASSWORD)
     * creates two towns and the people; each person signs in with the initial password handed over
     * and must change it first.
     */
    private void makeDirectory(ProxyClient client) throws Exception {
        for (String[] unit : new String[][] {{"huangjiang", "黄江镇"}, {"qingxi", "清溪镇"}}) {
            HttpResponse<String> r = client.json("admin", "POST", "/api/units",
                    "{\"code\":\"" + unit[0] + "\",\"name\":\"" + unit[1] + "\",\"kind\":\"town\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        String[][] people = {
                {"huangjiang-liaison", "陈晓明", "huangjiang", "liaison"}, {"huangjiang-leader", "李建国", "huangjiang", "leader"},
                {"qingxi-liaison", "王芳", "qingxi", "liaison"}, {"qingxi-leader", "赵强", "qingxi", "leader"},
                {"editor", "刘敏", "office", "editor"}, {"signer", "周涛", "office", "signer"}};
        int n = 0;
        for (String[] p : people) {
            HttpResponse<String> r = client.json("admin", "POST", "/api/people", "{\"userId\":\"" + p[0] + "\",\"name\":\"" + p[1]
                    + "\",\"unitCode\":\"" + p[2] + "\",\"roles\":[\"" + p[3] + "\"],\"email\":\"" + p[0] + "@example.gov.cn\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String initial = ProxyClient.parse(r.body()).get("initialPassword").asText();
            passwords.put(p[0], initial);
            assertThat(client.get(p[0], "/api/submissions").statusCode()).as("before the password is changed").isEqualTo(403);
            String chosen = "Jb#" + (++n) + "rehearsal";
            r = client.json(p[0], "PUT", "/api/me/password", "{\"oldPassword\":\"" + initial + "\",\"newPassword\":\"" + chosen + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
            passwords.put(p[0], chosen);
        }
        directoryMade = true;
        line("first start: admin created 2 units and %d people; each changed the initial password at the first sign-in", people.length);
    }

    // --- helpers ---

    private JarProcess node(String name, Path jarFile, int port, Map<String, String> extra) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/jianbao");
        env.put("SPRING_DATASOURCE_USERNAME", "jianbao");
        env.put("SPRING_DATASOURCE_PASSWORD", DB_PASSWORD);
        env.put("SPRING_ELASTICSEARCH_URIS", elasticsearch.uri().toString());
        env.put("JIANBAO_DEMO_DATA", "false");
        env.put("JIANBAO_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("JIANBAO_TRUSTED_PROXIES", "127\\.0\\.0\\.1");
        env.put("JIANBAO_NOTIFICATIONS_BASE_URL", "https://localhost");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(mail.getSmtp().getPort()));
        // the daily 催报 run every two seconds on both nodes: it must still start once a day
        env.put("JIANBAO_QUOTAS_REMIND_CRON", "*/2 * * * * *");
        env.put("JIANBAO_QUOTAS_REMIND_DAYS_BEFORE", "31");
        env.putAll(extra);
        String docs = Files.readString(PROJECT.resolve("README.md")) + Files.readString(PROJECT.resolve("src/site/markdown/operations.md"));
        for (String variable : env.keySet()) {
            assertThat(documented(docs, variable)).as(variable + " is named in the README or the operations guide").isTrue();
        }
        JarProcess node = new JarProcess(name, jarFile, port, env, TARGET.resolve("rehearsal/" + name + ".log"));
        running.add(node);
        return node;
    }

    /** The variable itself, or the setting it binds to (spring.mail.host for SPRING_MAIL_HOST). */
    private static boolean documented(String docs, String variable) {
        if (docs.contains("`" + variable + "`")) {
            return true;
        }
        Matcher m = Pattern.compile("`([a-z][a-z0-9.-]+)`").matcher(docs);
        while (m.find()) {
            if (m.group(1).toUpperCase().replace('.', '_').replace('-', '_').equals(variable)) {
                return true;
            }
        }
        return false;
    }

    private String submit(ProxyClient client, String user, String title) throws Exception {
        HttpResponse<String> r = client.submit(user, title, title + "：正文。", java.util.UUID.randomUUID().toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ProxyClient.parse(r.body()).get("id").asText();
    }

    /** The user's one open step on the item or issue, decided. */
    private void decideAll(ProxyClient client, String user, String subject, String decision) throws Exception {
        JsonNode tasks = client.getJson(user, "/api/tasks?subjectId=" + subject);
        assertThat(tasks).as(user + "'s steps on " + subject).hasSize(1);
        HttpResponse<String> r = client.json(user, "POST", "/api/tasks/" + tasks.get(0).get("id").asText() + "/decision",
                "{\"decision\":\"" + decision + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** An issue composed, sent to the signer and signed; returns its id. */
    private String publish(ProxyClient client, List<String> items, boolean comprehensive, String title) throws Exception {
        HttpResponse<String> r = client.json("editor", "POST", "/api/issues", "{\"series\":\"briefing\",\"title\":\"" + title
                + "\",\"comprehensive\":" + comprehensive + ",\"submissionIds\":[\"" + String.join("\",\"", items)
                + "\"],\"distribution\":{\"issue\":[\"huangjiang\",\"qingxi\"]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String issue = ProxyClient.parse(r.body()).get("id").asText();
        decideAll(client, "editor", issue, "compiled");
        decideAll(client, "signer", issue, "approve");
        await("issue " + title + " published").atMost(Duration.ofSeconds(60))
                .until(() -> "published".equals(client.getJson("editor", "/api/issues/" + issue).path("status").asText()));
        return issue;
    }

    private String definitionOf(ProxyClient client, String businessKey) throws Exception {
        JsonNode instances = client.getJson("admin", "/engine-rest/process-instance?businessKey=" + businessKey);
        assertThat(instances).as("process of " + businessKey).hasSize(1);
        return instances.get(0).get("definitionId").asText();
    }

    private String archiveIndex() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                elasticsearch.uri().resolve("/_alias/jianbao-archive")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ProxyClient.parse(r.body()).fieldNames().next();
    }

    private List<String> migrations() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(
                "select version from jianbao_schema_history where version is not null order by installed_rank")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/jianbao", "jianbao", DB_PASSWORD);
    }

    private static long pending(ProxyClient client) {
        try {
            return client.getJson("admin", "/api/archive/status").get("pending").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long searchTotal(ProxyClient client, String q) {
        try {
            return client.getJson("editor", "/api/search?size=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).get("total").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long storedTotal(ProxyClient client, String q) {
        try {
            return Long.parseLong(client.get("editor", "/api/submissions?size=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                    .headers().firstValue("X-Total-Count").orElse("-2"));
        } catch (Exception e) {
            return -2;
        }
    }

    /** A self-signed certificate for localhost, as jianbao.crt and jianbao.key (the names compose mounts). */
    private static void certificate(Path dir) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("jianbao.key").toString(), "-out", dir.resolve("jianbao.crt").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    // --- the previous release ---

    private static String previousCommit() throws IOException {
        return Files.readAllLines(PROJECT.resolve("src/test/resources/rehearsal/previous-release")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElseThrow();
    }

    /** The given jar, or the previous release built from git (target/rehearsal/previous); empty without its commit. */
    private static Optional<Path> previousRelease() throws Exception {
        String given = System.getProperty("jianbao.rehearsal.previous-jar", "");
        if (!given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        String commit = previousCommit();
        if (run(PROJECT, Duration.ofSeconds(30), "git", "cat-file", "-e", commit + "^{commit}") != 0) {
            return Optional.empty();
        }
        Path src = TARGET.resolve("rehearsal/previous");
        AppProcess.delete(src);
        Files.createDirectories(src);
        assertThat(run(PROJECT, Duration.ofMinutes(1), "bash", "-c", "git archive " + commit + " | tar -x -C " + src)).isZero();
        // the jar only: no tests, and no Elasticsearch unpacked (production has its own)
        int built = run(src, Duration.ofMinutes(15), "./mvnw", "-B", "-q", "-ntp", "-Dmaven.test.skip=true", "-Dmdep.skip=true", "package");
        assertThat(built).as("building the previous release; see target/rehearsal/previous-build.log").isZero();
        try (Stream<Path> jars = Files.list(src.resolve("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("jianbao-.*\\.jar")).findFirst();
        }
    }

    private static int run(Path dir, Duration timeout, String... command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(TARGET.resolve("rehearsal/previous-build.log").toFile()));
        b.environment().remove("MAVEN_OPTS");
        Process p = b.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private void line(String format, Object... args) {
        String s = String.format(format, args);
        report.add(s);
        System.out.println("[rehearsal] " + s);
    }
}
