package cn.jianbao.web;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of our API as RFC 9457 problem details with a Chinese {@code detail} a liaison can
 * act on. Our exceptions may arrive wrapped by the engine (a listener refused a form), so the
 * cause chain is searched. Nothing internal (stack traces, SQL) ever reaches the client.
 */
@RestControllerAdvice(basePackages = "cn.jianbao")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Spring MVC's own refusals (unreadable JSON, wrong parameter type, …) in Chinese too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body == null && ex instanceof org.springframework.web.ErrorResponse error) {
            body = error.getBody(); // Spring's own refusals (an upload over the limit) carry an English one
        }
        if (body instanceof ProblemDetail problem) {
            problem.setTitle(Problems.problem(HttpStatus.valueOf(status.value()), "").getTitle());
            problem.setDetail(switch (status.value()) {
                case 400 -> "请求格式不正确：请检查参数和 JSON 内容。";
                case 404 -> "请求的地址不存在。";
                case 405 -> "不支持该请求方法。";
                case 406 -> "无法按要求的格式返回结果。";
                case 413 -> "上传的内容太大：单个文件不超过 20 MB，一次提交的全部文件不超过 60 MB。";
                case 415 -> "请求的内容类型不受支持。";
                default -> problem.getDetail();
            });
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    /** A JSON body one of our rules refused (a control character, a number for a text): say which field and why. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Optional<ProblemDetail> known = Problems.cause(ex, ApiException.class).flatMap(Problems::translate);
        if (known.isPresent()) {
            return ResponseEntity.status(known.get().getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(known.get());
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail handle(Exception ex) {
        Optional<ProblemDetail> known = Problems.translate(ex);
        if (known.isPresent()) {
            if (known.get().getStatus() == 503) {
                log.warn("Unavailable: {}", ex.toString());
            }
            return known.get();
        }
        log.error("Unexpected error", ex);
        return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "系统内部错误，操作没有保存。请稍后重试，或联系管理员。");
    }
}
