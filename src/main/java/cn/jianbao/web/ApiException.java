package cn.jianbao.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal any module can raise with its HTTP status and the Chinese message for the user;
 * {@link Problems} turns it into problem details wherever it surfaces (our API, Camunda's REST
 * API, a Tasklist form).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String field, String message) {
        this(status, field, message, null);
    }

    public ApiException(HttpStatus status, String field, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Extra members of the problem details, e.g. the file a refusal is about. */
    public Map<String, Object> properties() {
        return properties;
    }

    protected ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }
}
