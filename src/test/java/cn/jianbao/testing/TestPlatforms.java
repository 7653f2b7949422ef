package cn.jianbao.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One local HTTP server that answers as WeCom's and DingTalk's server APIs are documented, their
 * error answers included, started once for the test JVM; the application's WeCom and DingTalk
 * applications point at it. Tests register sign-in codes, make the next message meet an expired
 * token, and read what arrived and in which order the calls came.
 *
 * <p>WeCom: {@code GET /cgi-bin/gettoken?corpid&corpsecret}, {@code POST /cgi-bin/message/send
 * ?access_token}, {@code GET /cgi-bin/auth/getuserinfo?access_token&code} (40029 for an unknown
 * code, an {@code openid} only for someone outside the organisation). DingTalk: {@code GET
 * /gettoken?appkey&appsecret}, {@code POST /topapi/message/corpconversation/asyncsend_v2
 * ?access_token}, {@code POST /sns/getuserinfo_bycode?accessKey&timestamp&signature} (the signature
 * checked), {@code POST /topapi/user/getbyunionid?access_token} (60121 for nobody). A token not
 * (or no longer) issued is answered 40014 (WeCom) or 88 (DingTalk), an expired one 42001.
 * Group robots with 加签: {@code POST /robot/send?access_token&timestamp&sign}.
 *
 * <p>Codes here may be presented more than once (the real platforms take each once), so a test
 * shows that the application itself refuses a code it has seen.
 */
public class TestPlatforms implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String CORP_ID = "wwjianbaotest";
    public static final int WECOM_AGENT = 1000002;
    public static final String WECOM_SECRET = "wecom-app-secret";
    public static final String APP_KEY = "dingjianbaotest";
    public static final String APP_SECRET = "dingtalk-app-secret";
    public static final long DINGTALK_AGENT = 2000003L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;

    /** What each platform was asked, in order: "gettoken", "send:42001", "send:0", "getuserinfo:40029" … */
    public static final List<String> wecomCalls = Collections.synchronizedList(new ArrayList<>());
    public static final List<String> dingtalkCalls = Collections.synchronizedList(new ArrayList<>());
    /** The messages the platforms took: WeCom's JSON bodies; DingTalk's parameters, {@code msg} parsed. */
    public static final List<JsonNode> wecomMessages = Collections.synchronizedList(new ArrayList<>());
    public static final List<JsonNode> dingtalkMessages = Collections.synchronizedList(new ArrayList<>());
    /** Robot calls: the query parameters, the body, and whether the signature was right. */
    public static final List<Map<String, String>> robotCalls = Collections.synchronizedList(new ArrayList<>());

    private static final Map<String, String> wecomCodes = new ConcurrentHashMap<>();
    private static final Map<String, String> dingtalkCodes = new ConcurrentHashMap<>(); // code → unionid
    private static final Map<String, String> dingtalkUnions = new ConcurrentHashMap<>(); // unionid → userid
    private static final Map<String, String> robotSecrets = new ConcurrentHashMap<>();
    private static final AtomicInteger tokens = new AtomicInteger();
    private static volatile String wecomToken;
    private static volatile String dingtalkToken;
    private static final AtomicBoolean expireNextWeComSend = new AtomicBoolean();
    private static final AtomicBoolean expireNextDingTalkSend = new AtomicBoolean();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String base = base();
        TestPropertyValues.of("jianbao.wecom.corp-id=" + CORP_ID, "jianbao.wecom.agent-id=" + WECOM_AGENT,
                "jianbao.wecom.secret=" + WECOM_SECRET, "jianbao.wecom.base-url=" + base,
                "jianbao.wecom.oauth-url=" + base, "jianbao.dingtalk.app-key=" + APP_KEY,
                "jianbao.dingtalk.app-secret=" + APP_SECRET, "jianbao.dingtalk.agent-id=" + DINGTALK_AGENT,
                "jianbao.dingtalk.base-url=" + base).applyTo(context);
    }

    public static synchronized String base() {
        if (server == null) {
            start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A sign-in code WeCom would hand to this member's browser. */
    public static String wecomCode(String userId) {
        String code = "wx" + UUID.randomUUID().toString().replace("-", "");
        wecomCodes.put(code, userId);
        return code;
    }

    /** A code for someone who is not a member of the organisation (WeCom answers an openid only). */
    public static String wecomOutsiderCode() {
        String code = "wxo" + UUID.randomUUID().toString().replace("-", "");
        wecomCodes.put(code, "");
        return code;
    }

    /** A sign-in code DingTalk would hand to this organisation user's browser (with a unionid of their own). */
    public static String dingtalkCode(String userId) {
        String union = "union-" + userId;
        dingtalkUnions.put(union, userId);
        String code = "dt" + UUID.randomUUID().toString().replace("-", "");
        dingtalkCodes.put(code, union);
        return code;
    }

    /** A DingTalk user outside the organisation: the code is good, the unionid belongs to no user. */
    public static String dingtalkOutsiderCode() {
        String code = "dto" + UUID.randomUUID().toString().replace("-", "");
        dingtalkCodes.put(code, "union-outsider-" + code);
        return code;
    }

    /** The next application message meets an expired token (and the token in use stops working). */
    public static void expireNextSends() {
        expireNextWeComSend.set(true);
        expireNextDingTalkSend.set(true);
    }

    /** A DingTalk robot with 加签: its access token and secret. */
    public static void robot(String accessToken, String secret) {
        robotSecrets.put(accessToken, secret);
    }

    public static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/cgi-bin/gettoken", x -> {
            Map<String, String> q = query(x);
            wecomCalls.add("gettoken");
            if (!CORP_ID.equals(q.get("corpid")) || !WECOM_SECRET.equals(q.get("corpsecret"))) {
                answer(x, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
                return;
            }
            wecomToken = "wt-" + tokens.incrementAndGet();
            answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + wecomToken + "\",\"expires_in\":7200}");
        });
        server.createContext("/cgi-bin/message/send", x -> {
            Map<String, String> q = query(x);
            String body = body(x);
            if (!q.getOrDefault("access_token", "").equals(wecomToken)) {
                wecomCalls.add("send:40014");
                answer(x, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
                return;
            }
            if (expireNextWeComSend.compareAndSet(true, false)) {
                wecomToken = null;
                wecomCalls.add("send:42001");
                answer(x, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
                return;
            }
            wecomCalls.add("send:0");
            wecomMessages.add(JSON.readTree(body));
            answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"invalidparty\":\"\",\"invalidtag\":\"\","
                    + "\"msgid\":\"" + UUID.randomUUID() + "\"}");
        });
        server.createContext("/cgi-bin/auth/getuserinfo", x -> {
            Map<String, String> q = query(x);
            if (!q.getOrDefault("access_token", "").equals(wecomToken)) {
                wecomCalls.add("getuserinfo:40014");
                answer(x, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
                return;
            }
            String user = wecomCodes.get(q.getOrDefault("code", ""));
            if (user == null) {
                wecomCalls.add("getuserinfo:40029");
                answer(x, "{\"errcode\":40029,\"errmsg\":\"invalid code\"}");
            } else if (user.isEmpty()) {
                wecomCalls.add("getuserinfo:openid");
                answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"openid\":\"oOUTSIDER\",\"external_userid\":\"wmOUTSIDER\"}");
            } else {
                wecomCalls.add("getuserinfo:0");
                answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"" + user + "\",\"user_ticket\":\"TICKET\"}");
            }
        });
        server.createContext("/gettoken", x -> {
            Map<String, String> q = query(x);
            dingtalkCalls.add("gettoken");
            if (!APP_KEY.equals(q.get("appkey")) || !APP_SECRET.equals(q.get("appsecret"))) {
                answer(x, "{\"errcode\":40089,\"errmsg\":\"不合法的corpid或corpsecret\"}");
                return;
            }
            dingtalkToken = "dt-" + tokens.incrementAndGet();
            answer(x, "{\"errcode\":0,\"access_token\":\"" + dingtalkToken + "\",\"errmsg\":\"ok\",\"expires_in\":7200}");
        });
        server.createContext("/topapi/message/corpconversation/asyncsend_v2", x -> {
            Map<String, String> q = query(x);
            Map<String, String> p = params(x, body(x));
            if (!q.getOrDefault("access_token", "").equals(dingtalkToken)) {
                dingtalkCalls.add("send:88");
                answer(x, "{\"errcode\":88,\"errmsg\":\"不合法的access_token\",\"sub_code\":\"40014\",\"sub_msg\":\"不合法的access_token\"}");
                return;
            }
            if (expireNextDingTalkSend.compareAndSet(true, false)) {
                dingtalkToken = null;
                dingtalkCalls.add("send:42001");
                answer(x, "{\"errcode\":42001,\"errmsg\":\"access_token超时\",\"request_id\":\"r1\"}");
                return;
            }
            dingtalkCalls.add("send:0");
            ObjectNode message = JSON.createObjectNode();
            p.forEach(message::put);
            message.set("msg", JSON.readTree(p.getOrDefault("msg", "{}")));
            dingtalkMessages.add(message);
            answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"task_id\":" + tokens.incrementAndGet() + ",\"request_id\":\"r2\"}");
        });
        server.createContext("/sns/getuserinfo_bycode", x -> {
            Map<String, String> q = query(x);
            Map<String, String> p = params(x, body(x));
            String expected = sign(APP_SECRET, q.getOrDefault("timestamp", ""));
            if (!APP_KEY.equals(q.get("accessKey")) || !expected.equals(q.get("signature"))) {
                dingtalkCalls.add("getuserinfo_bycode:853004");
                answer(x, "{\"errcode\":853004,\"errmsg\":\"签名不匹配\"}");
                return;
            }
            String union = dingtalkCodes.get(p.getOrDefault("tmp_auth_code", ""));
            if (union == null) {
                dingtalkCalls.add("getuserinfo_bycode:40078");
                answer(x, "{\"errcode\":40078,\"errmsg\":\"不存在的临时授权码\"}");
                return;
            }
            dingtalkCalls.add("getuserinfo_bycode:0");
            answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"user_info\":{\"nick\":\"测试\",\"unionid\":\"" + union
                    + "\",\"openid\":\"open-" + union + "\",\"main_org_auth_high_level\":true}}");
        });
        server.createContext("/topapi/user/getbyunionid", x -> {
            Map<String, String> q = query(x);
            Map<String, String> p = params(x, body(x));
            if (!q.getOrDefault("access_token", "").equals(dingtalkToken)) {
                dingtalkCalls.add("getbyunionid:88");
                answer(x, "{\"errcode\":88,\"errmsg\":\"不合法的access_token\",\"sub_code\":\"40014\"}");
                return;
            }
            String user = dingtalkUnions.get(p.getOrDefault("unionid", ""));
            if (user == null) {
                dingtalkCalls.add("getbyunionid:60121");
                answer(x, "{\"errcode\":60121,\"errmsg\":\"找不到该用户\",\"request_id\":\"r3\"}");
                return;
            }
            dingtalkCalls.add("getbyunionid:0");
            answer(x, "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"contact_type\":0,\"userid\":\"" + user
                    + "\"},\"request_id\":\"r4\"}");
        });
        server.createContext("/robot/send", x -> {
            Map<String, String> q = query(x);
            Map<String, String> call = new LinkedHashMap<>(q);
            call.put("body", body(x));
            String secret = robotSecrets.get(q.getOrDefault("access_token", ""));
            boolean valid = secret != null && q.containsKey("timestamp")
                    && sign(secret, q.get("timestamp") + "\n" + secret).equals(q.get("sign"));
            call.put("signed", String.valueOf(valid));
            robotCalls.add(call);
            answer(x, valid || secret == null ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                    : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        });
        server.start();
    }

    private static Map<String, String> query(HttpExchange x) {
        return decode(x.getRequestURI().getRawQuery());
    }

    /** A POST's parameters: a form, or a JSON object's fields (texts as they are, objects as JSON). */
    private static Map<String, String> params(HttpExchange x, String body) throws IOException {
        String type = String.valueOf(x.getRequestHeaders().getFirst("Content-Type"));
        if (type.contains("json")) {
            Map<String, String> out = new LinkedHashMap<>();
            JSON.readTree(body).fields().forEachRemaining(e -> out.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            return out;
        }
        return decode(body);
    }

    /** Read once per exchange (an exchange's attributes are its context's in the JDK's server: no place to keep it). */
    private static String body(HttpExchange x) throws IOException {
        return new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void answer(HttpExchange x, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
