package cn.jianbao.notification;

import cn.jianbao.platforms.DingTalk;
import cn.jianbao.platforms.WeCom;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the queued deliveries: e-mail through Spring Mail, chat robots by an HTTP POST of their
 * text message (a DingTalk robot with 加签 on a signed URL), the office's WeCom and DingTalk
 * applications as a card whose button signs the person in through the platform and opens the
 * notice's page. A failure is recorded on the delivery and retried with growing pauses; after
 * {@code max-attempts} it is given up and shown as failed. Rows are taken with SKIP LOCKED, so
 * several application nodes never send one twice.
 */
@Component
class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationProperties properties;
    private final ObjectMapper json;
    private final WeCom wecom;
    private final DingTalk dingtalk;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    NotificationDispatcher(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> mail,
                           NotificationProperties properties, ObjectMapper json, WeCom wecom, DingTalk dingtalk, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mail = mail;
        this.properties = properties;
        this.json = json;
        this.wecom = wecom;
        this.dingtalk = dingtalk;
    }

    private record Due(UUID id, String recipient, String channel, String target, String text, String link, String kind,
                       int attempts) {
    }

    /** What an application card is headed with, and its button. */
    static final String CARD_TITLE = "简报信息报送系统";
    static final String CARD_BUTTON = "办理";

    @Scheduled(fixedDelayString = "${jianbao.notifications.poll-interval:5s}",
            initialDelayString = "${jianbao.notifications.poll-interval:5s}")
    void drain() {
        Integer n;
        do {
            n = tx.execute(status -> sendBatch());
        } while (n != null && n == BATCH);
    }

    private int sendBatch() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Due> due = jdbc.sql("""
                select d.id, d.recipient, d.channel, d.target, d.text, d.link, d.attempts, n.kind from notification_delivery d
                join notification n on n.id = d.notification_id
                where d.status = 'pending' and d.next_attempt_at <= ?
                order by d.next_attempt_at limit ? for update of d skip locked""").params(now, BATCH)
                .query((rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("channel"),
                        rs.getString("target"), rs.getString("text"), rs.getString("link"), rs.getString("kind"),
                        rs.getInt("attempts"))).list();
        for (Due d : due) {
            try {
                switch (d.channel()) {
                    case "email" -> email(d);
                    case Notifications.WECOM_APP -> wecom.sendCard(d.target(), CARD_TITLE, d.text(),
                            signInLink("wecom", d.link()), CARD_BUTTON);
                    case Notifications.DINGTALK_APP -> dingtalk.sendWorkNotice(d.target(), CARD_TITLE, d.text(),
                            signInLink("dingtalk", d.link()), CARD_BUTTON);
                    default -> robot(d);
                }
                jdbc.sql("update notification_delivery set status = 'sent', attempts = attempts + 1, sent_at = ?, "
                        + "last_error = null where id = ?").params(OffsetDateTime.now(clock), d.id()).update();
            } catch (Exception e) {
                int attempts = d.attempts() + 1;
                boolean giveUp = attempts >= properties.maxAttempts();
                Duration pause = Duration.ofSeconds(5).multipliedBy(1L << Math.min(attempts, 20));
                if (pause.compareTo(properties.maxBackoff()) > 0) {
                    pause = properties.maxBackoff();
                }
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                jdbc.sql("""
                        update notification_delivery set attempts = ?, status = ?, next_attempt_at = ?, last_error = ?
                        where id = ?""").params(attempts, giveUp ? "failed" : "pending",
                        OffsetDateTime.now(clock).plus(pause),
                        error.length() > 500 ? error.substring(0, 500) : error, d.id()).update();
                log.warn("{} delivery {} failed (attempt {}{}): {}", d.channel(), d.id(), attempts,
                        giveUp ? ", given up" : "", error);
            }
        }
        return due.size();
    }

    private void email(Due d) throws Exception {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("未配置邮件服务器（spring.mail.host）");
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.mailFrom());
        helper.setTo(d.target());
        helper.setSubject("【简报系统】" + Notifications.label(d.kind()));
        helper.setText(d.text());
        // one Message-ID per delivery: were a node to die between sending and recording it, the
        // resend by another node is the same message to the recipient's mail client
        message.setHeader("Message-ID", "<" + d.id() + "@jianbao>");
        sender.send(message);
    }

    /** The card's button: our sign-in through the platform, which then opens the notice's page (ours only). */
    String signInLink(String platform, String link) {
        String to = link == null || !link.startsWith("/") || link.startsWith("//") ? "/" : link;
        return properties.baseUrl() + "/auth/" + platform + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    /**
     * WeCom and DingTalk group robots take the same text message; both answer errcode 0 when they
     * took it. A DingTalk robot with 加签 gets its URL signed with the secret its owner stored.
     */
    private void robot(Due d) throws Exception {
        String body = json.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", d.text())));
        String url = d.target();
        if (d.channel().equals("dingtalk")) {
            String secret = jdbc.sql("""
                    select webhook_secret from notification_preference where user_id = ? and webhook_kind = 'dingtalk'
                    and webhook_url = ?""").params(d.recipient(), d.target()).query(String.class).optional().orElse(null);
            if (secret != null) {
                url = signed(url, secret, System.currentTimeMillis());
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("群机器人返回 HTTP " + response.statusCode());
        }
        try {
            JsonNode answer = json.readTree(response.body());
            if (answer != null && answer.has("errcode") && answer.get("errcode").asInt() != 0) {
                throw new IllegalStateException("群机器人拒收：" + answer.path("errmsg").asText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // a robot that answers 2xx without JSON took the message
        }
    }

    /**
     * A DingTalk robot's URL with 加签: {@code timestamp} (milliseconds) and {@code sign}, the
     * URL-encoded Base64 of HMAC-SHA256 over "timestamp\nsecret" keyed with the secret.
     */
    static String signed(String url, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sign = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                    + URLEncoder.encode(Base64.getEncoder().encodeToString(sign), StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
