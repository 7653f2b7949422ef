package cn.jianbao.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where springdoc's tools and integrators look first: {@code /v3/api-docs} sends them on to our API's
 * description, {@code /api/openapi.json} (kept under {@code /api/} so it has the API's sign-in and problem
 * answers). Behind the same sign-in as everything else.
 */
@RestController
@Hidden
class ApiDocumentationAlias {

    @GetMapping({"/v3/api-docs", "/v3/api-docs.json"})
    ResponseEntity<Void> description() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, "/api/openapi.json").build();
    }
}
