package cn.jianbao.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notification settings: the address our links start with, where mail comes from, how deliveries
 * are retried, and which hosts a chat-robot webhook may point to (WeCom and DingTalk by default:
 * a webhook URL is user input, and an open one would let anyone make the server call inside the
 * office's network).
 */
@ConfigurationProperties("jianbao.notifications")
public record NotificationProperties(String baseUrl, String mailFrom, Duration pollInterval, Duration maxBackoff,
                                     Integer maxAttempts, List<String> webhookHosts) {

    public NotificationProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "jianbao@localhost" : mailFrom;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        maxAttempts = maxAttempts == null ? 12 : maxAttempts;
        webhookHosts = webhookHosts == null || webhookHosts.isEmpty()
                ? List.of("qyapi.weixin.qq.com", "oapi.dingtalk.com") : List.copyOf(webhookHosts);
    }
}
