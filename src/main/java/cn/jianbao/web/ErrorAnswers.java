package cn.jianbao.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Errors that reach the servlet container's error page (an unknown address, an upload over the
 * size limit refused before any controller, a method not allowed) answer like every other refusal:
 * problem details in Chinese for programs, the Chinese pages in static/error/ for browsers.
 * Spring Boot's own answer is English JSON ("Not Found"), or an empty body for 413.
 */
@Configuration(proxyBeanMethods = false)
class ErrorAnswers {

    @Bean
    BasicErrorController basicErrorController(ErrorAttributes attributes, ServerProperties server,
                                              ObjectProvider<ErrorViewResolver> resolvers) {
        List<ErrorViewResolver> views = resolvers.orderedStream().toList();
        return new BasicErrorController(attributes, server.getError(), views) {
            @Override
            public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
                HttpStatus status = getStatus(request);
                if (status == HttpStatus.NO_CONTENT) {
                    return new ResponseEntity<>(status);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "about:blank");
                body.put("title", Problems.problem(status, "").getTitle());
                body.put("status", status.value());
                body.put("detail", detail(status));
                Object uri = request.getAttribute("jakarta.servlet.error.request_uri");
                if (uri != null) {
                    body.put("instance", uri);
                }
                return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
            }
        };
    }

    static String detail(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "请求格式不正确：请检查参数和内容。";
            case 401 -> "请先登录：用户名或密码缺失或不正确。";
            case 403 -> "您无权执行此操作。";
            case 404 -> "请求的地址不存在。";
            case 405 -> "不支持该请求方法。";
            case 413 -> "上传的内容太大：单个文件不超过 20 MB，一次提交的全部文件不超过 60 MB。";
            case 415 -> "请求的内容类型不受支持。";
            case 429 -> "请求过于频繁，请稍后再试。";
            case 503 -> "服务暂时不可用，请稍后重试。";
            default -> status.is5xxServerError() ? "系统内部错误，操作没有保存。请稍后重试，或联系管理员。" : "请求无法完成，请检查后重试。";
        };
    }
}
