package cn.jianbao.web;

import java.sql.SQLException;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Which exception means which HTTP answer, with the Chinese message for the user. */
public final class Problems {

    /** What a caller learns about a target that is missing or not theirs: the same words for both. */
    public static final String NOT_FOUND_OR_FORBIDDEN = "要访问的内容不存在，或您无权访问。";

    private Problems() {
    }

    /** Known refusals, also when the engine wrapped them (a listener refused a form). */
    public static Optional<ProblemDetail> translate(Throwable ex) {
        var api = cause(ex, ApiException.class);
        if (api.isPresent()) {
            ProblemDetail p = problem(api.get().status(), api.get().getMessage());
            if (api.get().field() != null) {
                p.setProperty("field", api.get().field());
            }
            api.get().properties().forEach(p::setProperty);
            return Optional.of(p);
        }
        var invalid = cause(ex, FormFieldValidationException.class);
        if (invalid.isPresent()) {
            ProblemDetail p = problem(HttpStatus.BAD_REQUEST, invalid.get().getMessage());
            p.setProperty("field", String.valueOf((Object) invalid.get().getDetail()));
            return Optional.of(p);
        }
        if (cause(ex, OptimisticLockingException.class).isPresent()) {
            return Optional.of(problem(HttpStatus.CONFLICT, "该内容刚刚被他人处理，请刷新后查看最新状态。"));
        }
        if (cause(ex, AccessDeniedException.class).isPresent()) {
            return Optional.of(problem(HttpStatus.FORBIDDEN, cause(ex, AccessDeniedException.class).get().getMessage()));
        }
        // the engine says 403 for what exists but is not the caller's and 404 (or a bare null check)
        // for what does not exist: answered alike, so an id cannot be probed
        if (cause(ex, AuthorizationException.class).isPresent()
                || cause(ex, org.camunda.bpm.engine.exception.NotFoundException.class).isPresent()
                || cause(ex, NullValueException.class).filter(Problems::aboutMissingTarget).isPresent()) {
            return Optional.of(problem(HttpStatus.NOT_FOUND, NOT_FOUND_OR_FORBIDDEN));
        }
        if (databaseUnavailable(ex)) {
            return Optional.of(problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE));
        }
        var sql = cause(ex, SQLException.class).map(SQLException::getSQLState);
        if (sql.filter("22001"::equals).isPresent()) { // string_data_right_truncation
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "输入的内容过长，请精简后重试。"));
        }
        if (sql.filter("23505"::equals).isPresent()) { // unique_violation: a repeated click or a race
            return Optional.of(problem(HttpStatus.CONFLICT, "该内容已存在或刚刚被他人处理，请刷新后查看。"));
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

    public static final String DATABASE_UNAVAILABLE = "数据库暂时不可用，您的操作没有保存，请稍后重试。";

    /** The database cannot be reached (or is restarting): nothing was stored, trying again later will do. */
    public static boolean databaseUnavailable(Throwable ex) {
        if (cause(ex, org.springframework.transaction.CannotCreateTransactionException.class).isPresent()
                || cause(ex, org.springframework.dao.DataAccessResourceFailureException.class).isPresent()
                || cause(ex, java.sql.SQLTransientConnectionException.class).isPresent()
                || cause(ex, java.sql.SQLNonTransientConnectionException.class).isPresent()) {
            return true;
        }
        if (cause(ex, org.springframework.transaction.TransactionSystemException.class).isPresent()) {
            return true; // the commit or rollback itself failed: the connection broke mid-transaction
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && (e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))
                    || "Connection is closed".equals(e.getMessage()))) {
                return true; // connection exceptions, server shutting down or restarting, a pooled connection gone
            }
        }
        return false;
    }

    private static boolean aboutMissingTarget(NullValueException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("cannot find") || m.contains("does not exist") || m.contains("doesn't exist")
                || m.contains("not found");
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
