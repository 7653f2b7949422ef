package cn.jianbao.system.security;

import cn.jianbao.directory.Directory;
import cn.jianbao.directory.Person;
import cn.jianbao.notification.NotificationProperties;
import cn.jianbao.platforms.DingTalk;
import cn.jianbao.platforms.PlatformException;
import cn.jianbao.platforms.SignInCodes;
import cn.jianbao.platforms.WeCom;
import cn.jianbao.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * Signing in from a WeCom or DingTalk message: {@code /auth/wecom?to=/tasks/…} keeps a random
 * state and the page in the session and sends the browser to the platform's web authorisation,
 * which comes back to {@code /auth/wecom/callback} with a code. The state must be the session's,
 * the code new to us ({@link SignInCodes}), and the platform account it belongs to must be an
 * active person with roles in our directory; then the person is signed in as the login form does
 * it (a new session id, the security context stored in the session, the CSRF token renewed) and
 * lands on the page, if it is one of ours. No password is checked, so {@code LoginLocks} neither
 * counts nor stops these; every refusal is a page in Chinese.
 */
@Controller
class PlatformSignIn {

    private static final Logger log = LoggerFactory.getLogger(PlatformSignIn.class);
    static final String STATE = PlatformSignIn.class.getName() + ".state.";
    static final String TO = PlatformSignIn.class.getName() + ".to.";
    static final String STALE = "登录链接已失效，请重新从消息打开。";

    /** One platform's door: its name in paths, its label, where its accounts are in the directory. */
    private record Door(String code, String label, Directory.Platform accounts, boolean enabled,
                        java.util.function.BiFunction<String, String, String> authorizeUrl,
                        Function<String, String> userIdForCode) {
    }

    private final Door wecom;
    private final Door dingtalk;
    private final SignInCodes codes;
    private final Directory directory;
    private final NotificationProperties links;
    private final CookieCsrfTokenRepository csrfTokens;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecureRandom random = new SecureRandom();

    PlatformSignIn(WeCom wecom, DingTalk dingtalk, SignInCodes codes, Directory directory, NotificationProperties links,
                   CookieCsrfTokenRepository csrfTokens) {
        this.wecom = new Door(WeCom.PLATFORM, "企业微信", Directory.Platform.WECOM, wecom.enabled(), wecom::authorizeUrl,
                wecom::userIdForCode);
        this.dingtalk = new Door(DingTalk.PLATFORM, "钉钉", Directory.Platform.DINGTALK, dingtalk.enabled(),
                dingtalk::authorizeUrl, dingtalk::userIdForCode);
        this.codes = codes;
        this.directory = directory;
        this.links = links;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping("/auth/wecom")
    ResponseEntity<String> wecom(@RequestParam(required = false) String to, HttpServletRequest request) {
        return start(wecom, to, request);
    }

    @GetMapping("/auth/dingtalk")
    ResponseEntity<String> dingtalk(@RequestParam(required = false) String to, HttpServletRequest request) {
        return start(dingtalk, to, request);
    }

    @GetMapping("/auth/wecom/callback")
    ResponseEntity<String> wecomCallback(@RequestParam(required = false) String code,
                                         @RequestParam(required = false) String state, HttpServletRequest request,
                                         HttpServletResponse response) {
        return callback(wecom, code, state, request, response);
    }

    @GetMapping("/auth/dingtalk/callback")
    ResponseEntity<String> dingtalkCallback(@RequestParam(required = false) String code,
                                            @RequestParam(required = false) String state, HttpServletRequest request,
                                            HttpServletResponse response) {
        return callback(dingtalk, code, state, request, response);
    }

    private ResponseEntity<String> start(Door door, String to, HttpServletRequest request) {
        requireEnabled(door);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        HttpSession session = request.getSession(true);
        session.setAttribute(STATE + door.code(), state);
        session.setAttribute(TO + door.code(), local(to));
        return redirect(door.authorizeUrl().apply(links.baseUrl() + "/auth/" + door.code() + "/callback", state));
    }

    private ResponseEntity<String> callback(Door door, String code, String state, HttpServletRequest request,
                                            HttpServletResponse response) {
        requireEnabled(door);
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(STATE + door.code());
        String to = session == null ? null : (String) session.getAttribute(TO + door.code());
        if (session != null) {
            session.removeAttribute(STATE + door.code());
            session.removeAttribute(TO + door.code());
        }
        boolean sameState = expected != null && state != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
        if (!sameState || code == null || code.isBlank() || code.length() > 512) {
            return page(HttpStatus.BAD_REQUEST, STALE);
        }
        if (!codes.take(door.code(), code)) {
            log.warn("{} sign-in refused: a code came back a second time", door.code());
            return page(HttpStatus.BAD_REQUEST, STALE);
        }
        String account;
        try {
            account = door.userIdForCode().apply(code);
        } catch (PlatformException e) {
            log.warn("{} sign-in refused: {}", door.code(), e.getMessage());
            return switch (e.reason()) {
                case UNAVAILABLE -> page(HttpStatus.SERVICE_UNAVAILABLE, "暂时无法连接" + door.label() + "，请稍后重新从消息打开。");
                case REFUSED -> page(HttpStatus.BAD_REQUEST, STALE);
                case NOT_A_MEMBER -> page(HttpStatus.FORBIDDEN, unknown(door));
            };
        }
        Optional<Person> person = directory.byPlatformAccount(door.accounts(), account)
                .flatMap(p -> directory.person(p.userId()));
        if (person.isEmpty()) {
            log.warn("{} sign-in refused: account {} is nobody active here", door.code(), account);
            return page(HttpStatus.FORBIDDEN, unknown(door));
        }
        signIn(person.get(), request, response);
        log.info("{} sign-in: {} (account {})", door.code(), person.get().userId(), account);
        return redirect(to == null ? "/" : to);
    }

    /** As the login form: a new session id (no fixation), the context saved in the session, a new CSRF token. */
    private void signIn(Person person, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) == null) {
            request.getSession(true);
        } else {
            request.changeSessionId();
        }
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(person,
                null, CamundaIdentityAuthenticationProvider.authorities(person));
        authentication.setDetails(new WebAuthenticationDetails(request));
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response); // the next page makes a fresh one
    }

    private static void requireEnabled(Door door) {
        if (!door.enabled()) {
            throw new NotFoundException("本系统未启用" + door.label() + "应用，不能从" + door.label() + "登录。");
        }
    }

    private static String unknown(Door door) {
        return "该" + door.label() + "账号未在本系统登记或已停用，请联系管理员。";
    }

    /** One of our pages ("/…"), never another site's ("//host", "/\host", "https://…"): else the start page. */
    static String local(String to) {
        if (to == null || to.length() > 300 || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")
                || to.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        try {
            URI uri = URI.create(to);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? to : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static ResponseEntity<String> page(HttpStatus status, String message) {
        String html = """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>登录 · 简报信息报送系统</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/css/jianbao.css"></head>
                <body class="login"><main class="card">
                <h1>简报信息报送系统</h1>
                <p class="msg error">%s</p>
                <p><a href="/login">用用户名和密码登录</a></p>
                </main></body></html>
                """.formatted(HtmlUtils.htmlEscape(message));
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(html);
    }
}
