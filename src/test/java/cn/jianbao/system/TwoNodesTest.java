package cn.jianbao.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.AppProcess;
import cn.jianbao.testing.CookieSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes on one PostgreSQL and one Elasticsearch, as production runs them behind a
 * proxy: node A is started with the README's command and runs the embedded servers, node B with
 * the same command and A's {@code embedded.env} (so it starts none). Load goes to both; issues are
 * signed on both at once; the daily 催报 run fires every two seconds on both; mail goes to a real
 * SMTP server (GreenMail). Then B is killed with SIGKILL mid-work. Nothing acknowledged is lost,
 * nothing is done twice (issue numbers gapless, one 催报 run, each mail once), the archive catches
 * up, and browser sessions continue on the other node.
 */
class TwoNodesTest {

    private static final String LOAD = "双节点负载";
    private final List<Path> folders = new ArrayList<>();
    private final List<AppProcess> nodes = new ArrayList<>();
    private GreenMail mail;

    @AfterEach
    void stopAndClean() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop(); // B first; A's shutdown stops the servers
        }
        if (mail != null) {
            mail.stop();
        }
        for (Path folder : folders) {
            // the nodes' logs stay in target/ for a look after a failure
            if (Files.exists(folder.resolve("run.log"))) {
                Files.copy(folder.resolve("run.log"), Path.of("target", folder.getFileName() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            AppProcess.delete(folder);
        }
    }

    private Path folder(String name) throws Exception {
        Path p = AppProcess.dataFolder("jianbao-" + name + "-");
        folders.add(p);
        return p;
    }

    @Test
    void twoNodesShareTheWorkAndOneMayDieWithoutLossOrRepetition() throws Exception {
        mail = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> env = Map.of(
                "JIANBAO_DEMO_SUBMISSIONS", "false",
                "SPRING_MAIL_HOST", "127.0.0.1",
                "SPRING_MAIL_PORT", Integer.toString(mail.getSmtp().getPort()),
                "JIANBAO_NOTIFICATIONS_POLL_INTERVAL", "300ms",
                "JIANBAO_ARCHIVE_POLL_INTERVAL", "300ms",
                // the daily run, every two seconds on both nodes: it must still start once a day
                "JIANBAO_QUOTAS_REMIND_CRON", "*/2 * * * * *",
                "JIANBAO_QUOTAS_REMIND_DAYS_BEFORE", "31");
        AppProcess a = new AppProcess(folder("node-a"), AppProcess.freePort(), env);
        nodes.add(a);
        a.start();
        Map<String, String> envB = new HashMap<>(env);
        envB.putAll(readEnv(a.data().resolve("embedded.env")));
        AppProcess b = new AppProcess(folder("node-b"), AppProcess.freePort(), envB);
        nodes.add(b);
        b.start();
        assertThat(b.data().resolve("embedded.pids")).as("node B starts no servers of its own").doesNotExist();

        // mail for two towns' liaisons (one submits, one owes its quota)
        for (String liaison : List.of("huangjiang-liaison", "qingxi-liaison")) {
            HttpResponse<String> r = a.send("PATCH", "admin", "/api/people/" + liaison,
                    "{\"email\":\"" + liaison + "@example.gov.cn\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            // new issues notify only those who ask (by default they wait in the inbox): these two ask for mail
            r = b.send("PUT", liaison, "/api/me/notification-settings",
                    "{\"email\":true, \"kinds\": {\"issue_delivered\": [\"app\", \"email\"]}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }

        // a browser session made on one node is the same session on the other
        CookieSession editorOnA = CookieSession.login(a.port(), "editor", "demo");
        assertThat(editorOnA.at(b.port()).get("/api/me").body()).contains("\"editor\"");
        CookieSession liaisonOnB = CookieSession.login(b.port(), "qingxi-liaison", "demo");

        // items adopted through both nodes, to be published in issues signed on both at once
        List<String> adopted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AppProcess n = i % 2 == 0 ? a : b;
            AppProcess m = i % 2 == 0 ? b : a;
            String id = n.submit("huangjiang-liaison", "双节点刊发" + i);
            m.decide(id, "huangjiang-leader", "{\"decision\":{\"value\":\"approve\"}}");
            n.decide(id, "editor", "{\"decision\":{\"value\":\"approve\"}}");
            m.decide(id, "signer", "{\"adoption\":{\"value\":\"standalone\"}}");
            adopted.add(id);
        }

        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            AppProcess n = t % 2 == 0 ? a : b;
            clients.submit(() -> {
                while (loading.get()) {
                    try {
                        acknowledged.add(n.submit("huangjiang-liaison", LOAD + UUID.randomUUID()));
                    } catch (Exception e) {
                        // the killed node: requests in flight fail, only acknowledged ones count
                        Thread.sleep(50);
                    }
                }
                return null;
            });
        }
        ExecutorService signers = Executors.newFixedThreadPool(6);
        List<Future<String>> issues = new ArrayList<>();
        for (int i = 0; i < adopted.size(); i++) {
            AppProcess n = i % 2 == 0 ? a : b;
            String item = adopted.get(i);
            issues.add(signers.submit((Callable<String>) () -> {
                JsonNode created = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(
                        n.post("editor", "/api/issues", "{\"series\":\"briefing\",\"title\":\"双节点专刊\",\"submissionIds\":[\""
                                + item + "\"],\"distribution\":{\"issue\":[\"huangjiang\"]}}").body());
                String issue = created.get("id").asText();
                n.decide(issue, "editor", "{}");
                n.decide(issue, "signer", "{\"decision\":{\"value\":\"approve\"}}");
                return issue;
            }));
        }
        for (Future<String> f : issues) {
            f.get(3, TimeUnit.MINUTES);
        }
        signers.shutdown();
        Thread.sleep(3000);
        b.kill(); // SIGKILL, mid-work
        Thread.sleep(2000);
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("submissions acknowledged by either node").hasSizeGreaterThan(8);

        // every acknowledged submission is there, with its open task
        for (String id : acknowledged) {
            assertThat(a.getJson("admin", "/api/submissions/" + id).get("status").asText()).as(id)
                    .isEqualTo("leader_approval");
            assertThat(a.getJson("admin", "/engine-rest/task?processInstanceBusinessKey=" + id)).as(id).hasSize(1);
        }
        // issue numbers signed on both nodes at once: 1..6, none twice, none skipped
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode issue : a.getJson("editor", "/api/issues")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("第(\\d+)期").matcher(issue.path("numberLabel").asText());
            if (m.find()) {
                numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        Collections.sort(numbers);
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 6).boxed().toList());

        // the archive catches up on A alone: every item, once
        await("the archive's backlog drained", () -> pending(a) == 0);
        // (quoted: exactly these titles, not items sharing some of the words)
        await("the search holds every stored item", () -> searchTotal(a, "\"" + LOAD + "\"") == storedTotal(a, LOAD));
        assertThat(searchTotal(a, "\"" + LOAD + "\"")).isGreaterThanOrEqualTo(acknowledged.size());
        assertThat(searchTotal(a, "\"双节点刊发\"")).isEqualTo(6);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Map<String, String> db = readEnv(a.data().resolve("embedded.env"));
        try (Connection c = DriverManager.getConnection(db.get("SPRING_DATASOURCE_URL"),
                db.get("SPRING_DATASOURCE_USERNAME"), db.get("SPRING_DATASOURCE_PASSWORD"))) {
            // the daily run fired dozens of times on two nodes: one run, one process
            assertThat(a.getJson("admin", "/engine-rest/history/process-instance/count?processDefinitionKey=quotaReminders"
                    + "&processInstanceBusinessKey=" + today).get("count").asInt()).isEqualTo(1);
            // each mail once: every delivery sent, and the mail server got one message per delivery
            await("every mail sent", () -> count(c, "select count(*) from notification_delivery "
                    + "where channel = 'email' and status = 'pending'") == 0);
            long sent = count(c, "select count(*) from notification_delivery where channel = 'email' and status = 'sent'");
            assertThat(sent).as("mail was sent").isPositive();
            MimeMessage[] received = mail.getReceivedMessages();
            Set<String> ids = new HashSet<>();
            for (MimeMessage m : received) {
                ids.add(m.getMessageID());
            }
            assertThat((long) ids.size()).as("distinct messages = deliveries").isEqualTo(sent);
            // at most one resend (same Message-ID) of a mail the killed node sent but had not recorded
            assertThat(received.length - sent).isBetween(0L, 1L);
            assertThat(count(c, "select count(*) from notification_delivery where status = 'failed'")).isZero();
        }
        // no engine job failed or ran into an incident on the way
        assertThat(a.getJson("admin", "/engine-rest/incident/count").get("count").asInt()).isZero();
        assertThat(a.getJson("admin", "/engine-rest/job/count?noRetriesLeft=true").get("count").asInt()).isZero();

        // the session made on the dead node continues on the other, changes included
        CookieSession moved = liaisonOnB.at(a.port());
        assertThat(moved.get("/api/me").body()).contains("qingxi-liaison");
        HttpResponse<String> change = moved.send("PUT", "/api/me/notification-settings", "application/json",
                "{\"email\":false}".getBytes(StandardCharsets.UTF_8), moved.csrf());
        assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
        System.out.printf("two nodes: %d submissions acknowledged (either node), 6 issues numbered %s, %d mails%n",
                acknowledged.size(), numbers, mail.getReceivedMessages().length);
    }

    private static long pending(AppProcess node) {
        try {
            return node.getJson("admin", "/api/archive/status").get("pending").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long searchTotal(AppProcess node, String q) {
        try {
            return node.getJson("editor", "/api/search?size=1&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8))
                    .get("total").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long storedTotal(AppProcess node, String q) {
        try {
            return Long.parseLong(node.get("editor", "/api/submissions?size=1&q="
                    + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).headers().firstValue("X-Total-Count").orElse("-2"));
        } catch (Exception e) {
            return -2;
        }
    }

    private static long count(Connection c, String sql) {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** KEY='value' lines, as the node running the embedded servers writes them. */
    private static Map<String, String> readEnv(Path file) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
            }
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(300);
        }
    }
}
