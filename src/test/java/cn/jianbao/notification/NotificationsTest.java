package cn.jianbao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.directory.DirectoryAdmin;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.testing.JianbaoIntegrationTest;
import cn.jianbao.testing.Journeys;
import cn.jianbao.testing.TestMail;
import cn.jianbao.testing.Users;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Notifications as people get them: in the app, by mail through a real SMTP server (GreenMail) and
 * through a chat robot's webhook (a local HTTP server standing where WeCom's would be).
 */
@JianbaoIntegrationTest
class NotificationsTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired SubmissionService submissions;
    @Autowired Journeys journeys;
    @Autowired Users users;
    @Autowired DirectoryAdmin directoryAdmin;
    @Autowired ObjectMapper json;

    static HttpServer robot;
    static final List<String> robotMessages = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startRobot() throws Exception {
        robot = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        robot.createContext("/cgi-bin/webhook/send", exchange -> {
            robotMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        robot.start();
    }

    @AfterAll
    static void stopRobot() {
        robot.stop(0);
        TestMail.start();
    }

    @Autowired org.camunda.bpm.engine.TaskService tasks;

    private String reviseStep(UUID item) {
        return tasks.createTaskQuery().processInstanceBusinessKey(item.toString()).taskDefinitionKey("revise")
                .singleResult().getId();
    }

    private String robotUrl(String key) {
        return "http://127.0.0.1:" + robot.getAddress().getPort() + "/cgi-bin/webhook/send?key=" + key;
    }

    /** A fresh town with a liaison (mail and robot chosen) and a leader: nothing submitted yet. */
    private String[] freshTown(String tag) {
        String unit = "t" + tag;
        directoryAdmin.ensureUnit(new DirectoryAdmin.UnitDraft(unit, "测试镇" + tag, "town", null, true, 900));
        String liaison = unit + "-liaison";
        String leader = unit + "-leader";
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(liaison, "联络员" + tag, unit, List.of("liaison"),
                null, liaison + "@example.gov.cn", "demo", true));
        directoryAdmin.ensurePerson(new DirectoryAdmin.PersonDraft(leader, "领导" + tag, unit, List.of("leader"),
                null, leader + "@example.gov.cn", "demo", true));
        return new String[] {unit, liaison, leader};
    }

    private ResponseEntity<JsonNode> choose(String user, Object body) {
        return http.withBasicAuth(user, "demo").exchange("/api/me/notification-settings", HttpMethod.PUT,
                new HttpEntity<>(body), JsonNode.class);
    }

    private JsonNode inApp(String user) {
        return http.withBasicAuth(user, "demo").getForObject("/api/notifications", JsonNode.class);
    }

    private static void await(String what, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    private List<String> mailsTo(String address) throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : TestMail.server().getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m.getSubject() + "\n" + m.getContent().toString());
            }
        }
        return out;
    }

    @Test
    void aUnitBelowQuotaIsRemindedThroughAllThreeChannels() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] town = freshTown(tag);
        String key = "quota" + tag;
        assertThat(choose(town[1], Map.of("email", true, "webhook", Map.of("kind", "wecom", "url", robotUrl(key))))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> run = http.withBasicAuth("editor", "demo").postForEntity("/api/quotas/remind",
                Map.of("unit", town[0]), JsonNode.class);
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // in the app at once
        JsonNode mine = inApp(town[1]);
        assertThat(mine.get(0).get("kind").asText()).isEqualTo("quota_reminder");
        assertThat(mine.get(0).get("message").asText()).contains("催报", "简报信息已报0条、定额1条");
        // by mail and through the robot once the dispatcher has run
        await("the reminder mail", () -> {
            try {
                return !mailsTo(town[1] + "@example.gov.cn").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(mailsTo(town[1] + "@example.gov.cn").get(0)).contains("【简报系统】催报", "定额1条");
        await("the robot's message", () -> robotMessages.stream().anyMatch(m -> m.contains("催报")));
        JsonNode robotBody = json.readTree(robotMessages.stream().filter(m -> m.contains("催报")).findFirst().orElseThrow());
        assertThat(robotBody.get("msgtype").asText()).isEqualTo("text");
        assertThat(robotBody.get("text").get("content").asText()).contains("催报", "/submit");
        // the office sees who was reminded when
        JsonNode reminders = http.withBasicAuth("editor", "demo").getForObject("/api/quotas/reminders", JsonNode.class);
        JsonNode row = null;
        for (JsonNode r : reminders) {
            if (r.get("unit").get("code").asText().equals(town[0])) {
                row = r;
                break;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("level").asText()).isEqualTo("liaison");
        assertThat(row.get("recipients").get(0).get("userId").asText()).isEqualTo(town[1]);
        assertThat(row.get("remindedByName").asText()).isNotBlank();
        // and the deliveries went out
        JsonNode deliveries = http.withBasicAuth(town[1], "demo").getForObject("/api/notifications/deliveries", JsonNode.class);
        await("both deliveries sent", () -> {
            JsonNode d = http.withBasicAuth(town[1], "demo").getForObject("/api/notifications/deliveries", JsonNode.class);
            int sent = 0;
            for (JsonNode x : d) {
                sent += x.get("status").asText().equals("sent") ? 1 : 0;
            }
            return sent >= 2;
        });
        assertThat(deliveries.toString()).doesNotContain("key=" + key); // the robot's key is not shown back
        // another unit's liaison saw none of it
        assertThat(inApp("huangjiang-liaison").toString()).doesNotContain("测试镇" + tag);
    }

    @Test
    void aRestrictedItemsNotificationCarriesNoTitleOrTextOnAnyChannel() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] town = freshTown(tag);
        String key = "restricted" + tag;
        choose(town[1], Map.of("email", true, "webhook", Map.of("kind", "dingtalk", "url", robotUrl(key))));
        String title = "限定范围标题" + tag;
        String text = "限定范围正文" + tag;
        UUID id = submissions.submit(users.person(town[1]), new SubmissionDraft(title, "case", "restricted", null, text,
                null, null, List.of()), null).submission().id();
        UUID open = submissions.submit(users.person(town[1]), new SubmissionDraft("公开标题" + tag, "dynamic", "public", null,
                "公开正文" + tag, null, null, List.of()), null).submission().id();
        for (UUID item : List.of(id, open)) {
            journeys.complete(item, "leaderApproval", town[2], Map.of("decision", "return", "comment", "请补充数据"));
        }
        await("both mails", () -> {
            try {
                return mailsTo(town[1] + "@example.gov.cn").size() >= 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // a return is the liaison's step (修改后重新报送): the notice links to it
        String idStep = "/tasks/" + reviseStep(id);
        String openStep = "/tasks/" + reviseStep(open);
        await("both robot messages", () -> robotMessages.stream().filter(m -> m.contains("退回修改")
                && (m.contains(idStep) || m.contains(openStep))).count() >= 2);
        String inApp = inApp(town[1]).toString();
        String mails = String.join("\n", mailsTo(town[1] + "@example.gov.cn"));
        String robots = String.join("\n", robotMessages);
        assertThat(inApp).contains("退回修改", idStep, "限定范围信息，标题不在通知中显示", "公开标题" + tag);
        for (String channel : List.of(inApp, mails, robots)) {
            assertThat(channel).doesNotContain(title).doesNotContain(text).doesNotContain("公开正文" + tag)
                    .doesNotContain("请补充数据");
        }
        // a public item's title may leave the system; its text never does
        assertThat(mails).contains(idStep, "《公开标题" + tag + "》");
    }

    @Test
    void aFailingMailServerDelaysNothingAndTheMailGoesOutWhenItReturns() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] town = freshTown(tag);
        choose(town[1], Map.of("email", true));
        TestMail.stop();
        UUID id;
        try {
            id = submissions.submit(users.person(town[1]), new SubmissionDraft("邮件故障" + tag, "dynamic", "public", null,
                    "正文", null, null, List.of()), null).submission().id();
            // the leader's decision is recorded at once, mail server or not
            journeys.complete(id, "leaderApproval", town[2], Map.of("decision", "return", "comment", "请修改"));
            assertThat(submissions.require(id).status().code()).isEqualTo("revising");
            await("a failed attempt recorded", () -> jdbc.sql("""
                    select count(*) from notification_delivery d where d.recipient = ? and d.channel = 'email'
                    and d.status = 'pending' and d.attempts > 0 and d.last_error is not null""")
                    .param(town[1]).query(Long.class).single() > 0);
            JsonNode failing = http.withBasicAuth(town[1], "demo").getForObject("/api/notifications/deliveries", JsonNode.class);
            assertThat(failing.get(0).get("statusLabel").asText()).isEqualTo("发送失败，稍后重试");
            // what an administrator watching production sees: the outbox failing, and why
            JsonNode outbox = http.withBasicAuth("admin", "demo").getForObject("/api/notifications/status", JsonNode.class);
            assertThat(outbox.get("failing").asLong()).isPositive();
            assertThat(outbox.get("pending").asLong()).isGreaterThanOrEqualTo(outbox.get("failing").asLong());
            assertThat(outbox.get("lastError").asText()).isNotBlank();
            assertThat(http.withBasicAuth(town[1], "demo").getForEntity("/api/notifications/status", JsonNode.class)
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(inApp(town[1]).get(0).get("message").asText()).contains("邮件故障" + tag);
            // and the node stays healthy for its load balancer
            assertThat(http.getForObject("/actuator/health", String.class)).contains("UP");
        } finally {
            TestMail.start();
        }
        await("the mail after the server returned", () -> {
            try {
                return mailsTo(town[1] + "@example.gov.cn").stream().anyMatch(m -> m.contains("邮件故障" + tag));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the dispatcher commits a batch's statuses after its last send, so the mail can arrive first
        org.awaitility.Awaitility.await("the delivery marked sent").atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql(
                        "select status from notification_delivery where recipient = ? and channel = 'email'")
                        .param(town[1]).query(String.class).list()).containsOnly("sent"));
    }

    @Test
    void channelChoicesAreChecked() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] town = freshTown(tag);
        jdbc.sql("update person set email = null where user_id = ?").param(town[2]).update();
        ResponseEntity<JsonNode> noMail = choose(town[2], Map.of("email", true));
        assertThat(noMail.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noMail.getBody().get("detail").asText()).contains("没有登记电子邮箱");
        for (String url : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)",
                "http://169.254.169.254/latest/meta-data", "https://evil.example.com/cgi-bin/webhook/send?key=1",
                "http://user:pw@127.0.0.1/x")) {
            ResponseEntity<JsonNode> r = choose(town[1], Map.of("email", false, "webhook", Map.of("kind", "wecom", "url", url)));
            assertThat(r.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("detail").asText()).as(url).contains("群机器人地址");
        }
        ResponseEntity<JsonNode> kind = choose(town[1], Map.of("webhook", Map.of("kind", "slack", "url", robotUrl("x"))));
        assertThat(kind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // nothing was stored by the refusals
        assertThat(http.withBasicAuth(town[1], "demo").getForObject("/api/me/notification-settings", JsonNode.class)
                .has("webhook")).isFalse();
    }

    @Test
    void peopleReadOnlyTheirOwnNotifications() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String[] town = freshTown(tag);
        UUID id = submissions.submit(users.person(town[1]), new SubmissionDraft("已读" + tag, "dynamic", "public", null,
                "正文", null, null, List.of()), null).submission().id();
        journeys.complete(id, "leaderApproval", town[2], Map.of("decision", "return", "comment", "请修改"));
        ResponseEntity<JsonNode> list = http.withBasicAuth(town[1], "demo").getForEntity("/api/notifications?unread=true",
                JsonNode.class);
        assertThat(list.getHeaders().getFirst("X-Unread-Count")).isEqualTo("1");
        String notification = list.getBody().get(0).get("id").asText();
        // another person's mark is not found, and marks nothing
        assertThat(http.withBasicAuth("huangjiang-liaison", "demo").postForEntity("/api/notifications/" + notification
                + "/read", null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth(town[1], "demo").postForEntity("/api/notifications/" + notification + "/read", null,
                Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(http.withBasicAuth(town[1], "demo").getForEntity("/api/notifications", JsonNode.class).getHeaders()
                .getFirst("X-Unread-Count")).isEqualTo("0");
        assertThat(http.withBasicAuth("auditor", "demo").getForEntity("/api/notifications/deliveries?all=true",
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
