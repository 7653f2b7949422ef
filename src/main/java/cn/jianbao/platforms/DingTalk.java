package cn.jianbao.platforms;

import com.dingtalk.api.DefaultDingTalkClient;
import com.dingtalk.api.request.OapiGettokenRequest;
import com.dingtalk.api.request.OapiMessageCorpconversationAsyncsendV2Request;
import com.dingtalk.api.request.OapiSnsGetuserinfoBycodeRequest;
import com.dingtalk.api.request.OapiUserGetbyunionidRequest;
import com.dingtalk.api.response.OapiGettokenResponse;
import com.dingtalk.api.response.OapiMessageCorpconversationAsyncsendV2Response;
import com.dingtalk.api.response.OapiSnsGetuserinfoBycodeResponse;
import com.dingtalk.api.response.OapiUserGetbyunionidResponse;
import com.taobao.api.ApiException;
import com.taobao.api.TaobaoResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The office's DingTalk application through its TopAPI SDK (requests and answers as classes; the
 * sign-in calls signed with the app key and secret). The SDK keeps no token: this class keeps the
 * application's access token until five minutes before it expires, and when DingTalk says it is
 * invalid or expired (88, 40014, 42001) fetches a new one and sends the call once more.
 */
@Component
public class DingTalk {

    public static final String PLATFORM = "dingtalk";

    /** DingTalk's answers for a token that is not (or no longer) good. */
    static final Set<Long> TOKEN_ERRORS = Set.of(88L, 40014L, 42001L);
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    private final DingTalkSettings settings;
    private String token;
    private Instant tokenUntil = Instant.EPOCH;

    DingTalk(DingTalkSettings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * A work notice (工作通知) to one user as an action card: a title, a sentence (its markdown
     * characters made plain) and one button that opens the link.
     */
    public void sendWorkNotice(String userId, String title, String text, String url, String button) {
        requireEnabled();
        OapiMessageCorpconversationAsyncsendV2Request.ActionCard card = new OapiMessageCorpconversationAsyncsendV2Request.ActionCard();
        card.setTitle(title);
        card.setMarkdown(plain(text));
        card.setSingleTitle(button);
        card.setSingleUrl(url);
        OapiMessageCorpconversationAsyncsendV2Request.Msg msg = new OapiMessageCorpconversationAsyncsendV2Request.Msg();
        msg.setMsgtype("action_card");
        msg.setActionCard(card);
        OapiMessageCorpconversationAsyncsendV2Response answer = withToken(accessToken -> {
            OapiMessageCorpconversationAsyncsendV2Request request = new OapiMessageCorpconversationAsyncsendV2Request();
            request.setAgentId(settings.agentId());
            request.setUseridList(userId);
            request.setToAllUser(false);
            request.setMsg(msg);
            return client("/topapi/message/corpconversation/asyncsend_v2").execute(request, accessToken);
        }, OapiMessageCorpconversationAsyncsendV2Response::getErrcode, "钉钉工作通知");
        if (!ok(answer.getErrcode())) {
            throw new PlatformException("钉钉拒收工作通知：" + answer.getErrcode() + " " + answer.getErrmsg(),
                    PlatformException.Reason.REFUSED, null);
        }
    }

    /** Where the user's browser goes to be identified by DingTalk (web sign-in, snsapi_auth). */
    public String authorizeUrl(String redirectUri, String state) {
        requireEnabled();
        return settings.baseUrl() + "/connect/oauth2/sns_authorize?appid=" + WeCom.enc(settings.appKey())
                + "&response_type=code&scope=snsapi_auth&state=" + WeCom.enc(state) + "&redirect_uri="
                + WeCom.enc(redirectUri);
    }

    /**
     * The organisation's user a sign-in code belongs to: the code gives the person's unionid
     * ({@code sns/getuserinfo_bycode}, signed with the app key and secret), the unionid their
     * userid in the organisation ({@code topapi/user/getbyunionid}, with the application's token).
     */
    public String userIdForCode(String code) {
        requireEnabled();
        OapiSnsGetuserinfoBycodeResponse byCode;
        try {
            OapiSnsGetuserinfoBycodeRequest request = new OapiSnsGetuserinfoBycodeRequest();
            request.setTmpAuthCode(code);
            byCode = client("/sns/getuserinfo_bycode").execute(request, settings.appKey(), settings.appSecret());
        } catch (ApiException | RuntimeException e) {
            throw new PlatformException("钉钉暂时无法连接：" + e.getMessage(), PlatformException.Reason.UNAVAILABLE, e);
        }
        if (!ok(byCode.getErrcode()) || byCode.getUserInfo() == null || blank(byCode.getUserInfo().getUnionid())) {
            throw new PlatformException("钉钉不认可该登录码：" + byCode.getErrcode() + " " + byCode.getErrmsg(),
                    PlatformException.Reason.REFUSED, null);
        }
        String unionId = byCode.getUserInfo().getUnionid();
        OapiUserGetbyunionidResponse byUnion = withToken(accessToken -> {
            OapiUserGetbyunionidRequest request = new OapiUserGetbyunionidRequest();
            request.setUnionid(unionId);
            return client("/topapi/user/getbyunionid").execute(request, accessToken);
        }, OapiUserGetbyunionidResponse::getErrcode, "钉钉用户查询");
        if (!ok(byUnion.getErrcode()) || byUnion.getResult() == null || blank(byUnion.getResult().getUserid())) {
            throw new PlatformException("该钉钉用户不是本单位成员：" + byUnion.getErrcode() + " " + byUnion.getErrmsg(),
                    PlatformException.Reason.NOT_A_MEMBER, null);
        }
        return byUnion.getResult().getUserid();
    }

    interface Call<T extends TaobaoResponse> {
        T with(String accessToken) throws ApiException;
    }

    /** The call with the application's token; once more with a new one when DingTalk says it is no good. */
    private <T extends TaobaoResponse> T withToken(Call<T> call, Function<T, Long> errcode, String what) {
        try {
            T answer = call.with(token(false));
            Long code = errcode.apply(answer);
            if (code != null && TOKEN_ERRORS.contains(code)) {
                answer = call.with(token(true));
            }
            return answer;
        } catch (ApiException | RuntimeException e) {
            if (e instanceof PlatformException p) {
                throw p;
            }
            throw new PlatformException(what + "暂时无法连接钉钉：" + e.getMessage(), PlatformException.Reason.UNAVAILABLE, e);
        }
    }

    /** The cached token, or a new one when it is about to expire, or when {@code fresh} (the old one was refused). */
    synchronized String token(boolean fresh) throws ApiException {
        Instant now = Instant.now();
        if (!fresh && token != null && now.isBefore(tokenUntil)) {
            return token;
        }
        OapiGettokenRequest request = new OapiGettokenRequest();
        request.setAppkey(settings.appKey());
        request.setAppsecret(settings.appSecret());
        request.setHttpMethod("GET");
        OapiGettokenResponse answer = client("/gettoken").execute(request);
        if (!ok(answer.getErrcode()) || blank(answer.getAccessToken())) {
            token = null;
            // the application's key or secret is wrong: the office's configuration, not the user's doing
            throw new PlatformException("钉钉不发放访问令牌：" + answer.getErrcode() + " " + answer.getErrmsg(),
                    PlatformException.Reason.UNAVAILABLE, null);
        }
        long seconds = answer.getExpiresIn() == null ? 7200 : answer.getExpiresIn();
        token = answer.getAccessToken();
        tokenUntil = now.plusSeconds(seconds).minus(TOKEN_MARGIN);
        return token;
    }

    private DefaultDingTalkClient client(String path) {
        DefaultDingTalkClient client = new DefaultDingTalkClient(settings.baseUrl() + path);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setReadTimeout(READ_TIMEOUT_MS);
        // its own error log writes whole request URLs (access tokens, sign-in signatures) at ERROR;
        // what went wrong reaches our log and the delivery record as a PlatformException instead
        client.setNeedEnableLogger(false);
        return client;
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new IllegalStateException("钉钉应用未配置（jianbao.dingtalk.app-key、app-secret、agent-id）");
        }
    }

    /**
     * The card's text is markdown: a title typed by someone must not become a link, an image or a
     * heading there, so the characters markdown acts on are shown as their full-width forms.
     */
    static String plain(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(switch (c) {
                case '[' -> '［';
                case ']' -> '］';
                case '<' -> '＜';
                case '>' -> '＞';
                case '*' -> '＊';
                case '_' -> '＿';
                case '#' -> '＃';
                case '`' -> '｀';
                case '!' -> '！';
                case '~' -> '～';
                case '|' -> '｜';
                default -> c;
            });
        }
        return out.toString();
    }

    private static boolean ok(Long errcode) {
        return errcode != null && errcode == 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
