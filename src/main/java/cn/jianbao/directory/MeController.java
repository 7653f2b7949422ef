package cn.jianbao.directory;

import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, for our pages' header. */
@RestController
class MeController {

    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal Person me) {
        return Map.of("userId", me.userId(), "displayName", me.displayName(), "role", me.role().code(),
                "roleLabel", me.role().label(),
                "unit", Map.of("code", me.unitCode(), "name", me.unit().name(), "kind", me.unit().kind().code()));
    }
}
