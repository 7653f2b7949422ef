package cn.jianbao.system.security;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** The login page, in Chinese; Spring Security's default one speaks English only. */
@Controller
class LoginPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    @ResponseBody
    String login(CsrfToken csrf, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String logout, @RequestParam(required = false) String unavailable,
                 @RequestParam(required = false) String locked, @RequestParam(required = false) String wait) {
        // the lock's end and the wait come back through the address: only their shapes are shown
        String message = locked != null && locked.matches("\\d{2}:\\d{2}")
                ? "<p class=\"msg error\">" + ThrottledLogins.lockedMessage(locked) + "</p>"
                : wait != null && wait.matches("\\d{1,3}") ? "<p class=\"msg error\">" + ThrottledLogins.waitMessage(Long.parseLong(wait)) + "</p>"
                : error != null ? "<p class=\"msg error\">用户名或密码错误，请重试。</p>"
                : unavailable != null ? "<p class=\"msg error\">系统暂时无法核对密码（数据库不可用），请稍后重试。</p>"
                : logout != null ? "<p class=\"msg\">您已安全退出。</p>" : "";
        return """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>登录 · 简报信息报送系统</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/css/jianbao.css"></head>
                <body class="login"><main class="card">
                <h1>简报信息报送系统</h1>
                %s
                <form method="post" action="/login">
                  <label>用户名 <input name="username" autocomplete="username" required autofocus></label>
                  <label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit">登录</button>
                </form></main></body></html>
                """.formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
