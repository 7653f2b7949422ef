package cn.jianbao.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API answers 500 to anything a listener or our engine boundary throws, 403 for
 * a task that exists but is not the caller's and 404 or 500 for one that does not. When the
 * cause is one we know, answer with its status and Chinese message instead, in the error shape
 * of Camunda's REST API; both "not yours" and "not there" become the same 404. This applies to
 * {@code /engine-rest} and to the webapps' own engine API ({@code /camunda/api/engine}) alike.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

    @Override
    public void customize(ResourceConfig config) {
        config.register(Translated.class).register(Denied.class).register(Rest.class).register(Engine.class);
    }

    /**
     * The webapps' engine API (and their other JAX-RS applications) are Jersey applications that
     * Camunda builds itself: Jersey's auto-discovery (META-INF/services) brings our mappers there.
     */
    public static class InEveryJerseyApplication implements AutoDiscoverable {
        @Override
        public void configure(FeatureContext context) {
            for (Class<?> mapper : List.of(Translated.class, Denied.class, Rest.class, Engine.class)) {
                if (!context.getConfiguration().isRegistered(mapper)) {
                    context.register(mapper);
                }
            }
        }
    }

    static Response response(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getStatus() == 404 ? "NotFoundException" : "InvalidRequestException");
        body.put("message", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return Response.status(problem.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Our own refusals thrown through the engine (the engine boundary, a listener). */
    @Priority(1)
    public static class Translated implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException exception) {
            return response(Problems.translate(exception).orElseThrow());
        }
    }

    /** A role's refusal (WritePolicy) thrown through the engine: the same 403 as through our API. */
    @Priority(1)
    public static class Denied implements ExceptionMapper<org.springframework.security.access.AccessDeniedException> {
        @Override
        public Response toResponse(org.springframework.security.access.AccessDeniedException exception) {
            return response(Problems.translate(exception).orElseThrow());
        }
    }

    @Priority(1) // chosen over Camunda's own handler
    public static class Rest implements ExceptionMapper<RestException> {
        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            if (exception.getStatus() != null && exception.getStatus().getStatusCode() == 404) {
                // Camunda's own "not found" names the id and the kind of thing; say what a forbidden one says
                return response(Problems.problem(org.springframework.http.HttpStatus.NOT_FOUND,
                        Problems.NOT_FOUND_OR_FORBIDDEN));
            }
            return Problems.translate(exception).map(EngineRestErrors::response)
                    .orElseGet(() -> camunda.toResponse(exception));
        }
    }

    @Priority(1)
    public static class Engine implements ExceptionMapper<ProcessEngineException> {
        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return Problems.translate(exception).map(EngineRestErrors::response)
                    .orElseGet(() -> camunda.toResponse(exception));
        }
    }
}
