package cn.jianbao.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import me.chanjar.weixin.cp.bean.message.WxCpMessageSendResult;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.springframework.stereotype.Component;

/**
 * The office's WeCom application through WxJava, which keeps the access token, fetches a new one
 * when the platform says it is expired or invalid (42001, 40014, 40001) and sends the call again.
 * Its base address is the setting's, so a private deployment (政务微信) or a test server answers.
 */
@Component
public class WeCom {

    public static final String PLATFORM = "wecom";

    private final WeComSettings settings;
    private final ObjectMapper json;
    private final WxCpService service;

    WeCom(WeComSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        if (settings.enabled()) {
            WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
            config.setCorpId(settings.corpId());
            config.setCorpSecret(settings.secret());
            config.setAgentId(settings.agentId());
            config.setBaseApiUrl(settings.baseUrl());
            WxCpServiceImpl cp = new WxCpServiceImpl();
            cp.setWxCpConfigStorage(config);
            // "system busy" (-1) is tried again by WxJava a little later; our outbox retries the rest
            cp.setMaxRetryTimes(2);
            cp.setRetrySleepMillis(500);
            this.service = cp;
        } else {
            this.service = null;
        }
    }

    public boolean enabled() {
        return service != null;
    }

    /**
     * A text card (textcard) to one member: a title, a sentence and a button that opens the link.
     * The platform takes at most 128 bytes of title and 512 of description: longer ones are cut;
     * angle brackets are shown as full-width ones, so nothing in them is taken for markup.
     */
    public void sendCard(String userId, String title, String description, String url, String button) {
        requireEnabled();
        WxCpMessage message = WxCpMessage.TEXTCARD().toUser(userId).agentId(settings.agentId())
                .title(cut(plain(title), 128)).description(cut(plain(description), 512)).url(url).btnTxt(button).build();
        WxCpMessageSendResult result;
        try {
            result = service.getMessageService().send(message);
        } catch (WxErrorException e) {
            throw refusal("企业微信拒收消息", e);
        } catch (RuntimeException e) {
            throw new PlatformException("企业微信暂时无法连接：" + e.getMessage(), PlatformException.Reason.UNAVAILABLE, e);
        }
        if (result != null && !result.getInvalidUserList().isEmpty()) {
            throw new PlatformException("企业微信账号“" + userId + "”不存在，或不在本应用的可见范围内",
                    PlatformException.Reason.REFUSED, null);
        }
    }

    /** Where the member's browser goes to be identified by WeCom (web authorisation, silent: snsapi_base). */
    public String authorizeUrl(String redirectUri, String state) {
        requireEnabled();
        return settings.oauthUrl() + "/connect/oauth2/authorize?appid=" + enc(settings.corpId()) + "&redirect_uri="
                + enc(redirectUri) + "&response_type=code&scope=snsapi_base&state=" + enc(state) + "&agentid="
                + settings.agentId() + "#wechat_redirect";
    }

    /**
     * The member a sign-in code belongs to ({@code /cgi-bin/auth/getuserinfo}, which answers
     * {@code userid}; WxJava 4.6.0's getAuthUserInfo reads {@code UserId} and would find nobody).
     * Refused for an invalid or expired code and for someone who is not a member of the
     * organisation (the platform then answers only an openid).
     */
    public String userIdForCode(String code) {
        requireEnabled();
        String body;
        try {
            body = service.get(service.getWxCpConfigStorage().getApiUrl("/cgi-bin/auth/getuserinfo?code=" + enc(code)), null);
        } catch (WxErrorException e) {
            throw refusal("企业微信不认可该登录码", e);
        } catch (RuntimeException e) {
            throw new PlatformException("企业微信暂时无法连接：" + e.getMessage(), PlatformException.Reason.UNAVAILABLE, e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (Exception e) {
            throw new PlatformException("企业微信的回答无法读取", PlatformException.Reason.UNAVAILABLE, e);
        }
        String userId = answer.path("userid").asText(answer.path("UserId").asText(""));
        if (userId.isBlank()) {
            throw new PlatformException("该企业微信用户不是本单位成员", PlatformException.Reason.NOT_A_MEMBER, null);
        }
        return userId;
    }

    private void requireEnabled() {
        if (service == null) {
            throw new IllegalStateException("企业微信应用未配置（jianbao.wecom.corp-id、agent-id、secret）");
        }
    }

    private static PlatformException refusal(String what, WxErrorException e) {
        var error = e.getError();
        boolean answered = error != null && error.getErrorCode() != 0 && error.getErrorCode() != -1;
        String detail = error == null ? e.getMessage() : error.getErrorCode() + " " + error.getErrorMsg();
        return new PlatformException(what + "：" + detail,
                answered ? PlatformException.Reason.REFUSED : PlatformException.Reason.UNAVAILABLE, e);
    }

    /** A card's texts take a few HTML tags; a title typed by someone must not be markup there. */
    static String plain(String s) {
        return s == null ? null : s.replace('<', '＜').replace('>', '＞');
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** At most this many UTF-8 bytes, whole characters only, "…" where cut. */
    static String cut(String s, int maxBytes) {
        if (s == null || s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 3; // the ellipsis
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}
