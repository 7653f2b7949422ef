package cn.jianbao.platforms;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jianbao.dingtalk.*}: the office's DingTalk application (its app key and secret, the agent
 * id work notices are sent as) and the server API's address ({@code base-url}). On when app key,
 * app secret and agent id are set.
 */
@ConfigurationProperties("jianbao.dingtalk")
public record DingTalkSettings(String appKey, String appSecret, Long agentId, String baseUrl) {

    public DingTalkSettings {
        appKey = WeComSettings.blankToNull(appKey);
        appSecret = WeComSettings.blankToNull(appSecret);
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://oapi.dingtalk.com" : baseUrl.strip().replaceAll("/+$", "");
    }

    public boolean enabled() {
        return appKey != null && appSecret != null && agentId != null;
    }
}
