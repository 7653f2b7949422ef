package cn.jianbao.platforms;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jianbao.wecom.*}: the office's WeCom application (corp id, the application's agent id
 * and secret), the server API's address ({@code base-url}; a private deployment has its own) and
 * the web authorisation's ({@code oauth-url}). On when corp id, agent id and secret are set.
 */
@ConfigurationProperties("jianbao.wecom")
public record WeComSettings(String corpId, Integer agentId, String secret, String baseUrl, String oauthUrl) {

    public WeComSettings {
        corpId = blankToNull(corpId);
        secret = blankToNull(secret);
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://qyapi.weixin.qq.com" : baseUrl.strip().replaceAll("/+$", "");
        oauthUrl = oauthUrl == null || oauthUrl.isBlank() ? "https://open.weixin.qq.com" : oauthUrl.strip().replaceAll("/+$", "");
    }

    public boolean enabled() {
        return corpId != null && agentId != null && secret != null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
