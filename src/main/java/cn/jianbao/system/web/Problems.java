package cn.jianbao.system.web;

import cn.jianbao.intake.extraction.DocumentRejectedException;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Which of our exceptions means which HTTP answer, with the Chinese message for the user. */
public final class Problems {

    private Problems() {
    }

    /** Our exceptions, also when the engine wrapped them (a listener refused a form). */
    public static Optional<ProblemDetail> translate(Throwable ex) {
        var doc = cause(ex, DocumentRejectedException.class);
        if (doc.isPresent()) {
            HttpStatus status = switch (doc.get().reason()) {
                case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
                case UNSUPPORTED_TYPE, EXTENSION_MISMATCH -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
                default -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
            ProblemDetail p = problem(status, doc.get().getMessage());
            p.setProperty("reason", doc.get().reason().name());
            p.setProperty("file", doc.get().fileName());
            return Optional.of(p);
        }
        var api = cause(ex, ApiException.class);
        if (api.isPresent()) {
            ProblemDetail p = problem(api.get().status(), api.get().getMessage());
            if (api.get().field() != null) {
                p.setProperty("field", api.get().field());
            }
            return Optional.of(p);
        }
        var invalid = cause(ex, FormFieldValidationException.class);
        if (invalid.isPresent()) {
            ProblemDetail p = problem(HttpStatus.BAD_REQUEST, invalid.get().getMessage());
            p.setProperty("field", String.valueOf((Object) invalid.get().getDetail()));
            return Optional.of(p);
        }
        if (cause(ex, OptimisticLockingException.class).isPresent()) {
            return Optional.of(problem(HttpStatus.CONFLICT, "该信息刚刚被他人处理，请刷新后查看最新状态。"));
        }
        if (cause(ex, AccessDeniedException.class).isPresent()) {
            return Optional.of(problem(HttpStatus.FORBIDDEN, cause(ex, AccessDeniedException.class).get().getMessage()));
        }
        if (cause(ex, AuthorizationException.class).isPresent()) {
            return Optional.of(problem(HttpStatus.FORBIDDEN, "您无权执行此操作。"));
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            return Optional.of(problem(HttpStatus.PAYLOAD_TOO_LARGE, "上传的文件太大：单个文件不超过 20 MB。"));
        }
        if (ex instanceof MissingServletRequestPartException m) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "请求缺少“" + m.getRequestPartName() + "”部分。"));
        }
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "参数“" + m.getName() + "”的格式不正确。"));
        }
        return Optional.empty();
    }

    public static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(switch (status) {
            case BAD_REQUEST, UNPROCESSABLE_ENTITY -> "请求有误";
            case NOT_FOUND -> "未找到";
            case FORBIDDEN -> "无权访问";
            case CONFLICT -> "状态冲突";
            case PAYLOAD_TOO_LARGE -> "文件过大";
            case UNSUPPORTED_MEDIA_TYPE -> "格式不受支持";
            case SERVICE_UNAVAILABLE -> "服务暂时不可用";
            default -> "系统错误";
        });
        return p;
    }

    public static <T extends Throwable> Optional<T> cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
