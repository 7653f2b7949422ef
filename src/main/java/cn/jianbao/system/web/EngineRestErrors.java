package cn.jianbao.system.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API answers 500 to anything a task or execution listener throws. When the
 * cause is one of our refusals (a decision without a reason, an unreadable document), answer
 * with its status and Chinese message instead, in the error shape of Camunda's REST API.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

    @Override
    public void customize(ResourceConfig config) {
        config.register(Mapper.class);
    }

    @Priority(1) // chosen over Camunda's own RestExceptionHandler
    public static class Mapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            ProblemDetail problem = Problems.translate(exception).orElse(null);
            if (problem == null) {
                return camunda.toResponse(exception);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "InvalidRequestException");
            body.put("message", problem.getDetail());
            if (problem.getProperties() != null) {
                body.putAll(problem.getProperties());
            }
            return Response.status(problem.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }
}
