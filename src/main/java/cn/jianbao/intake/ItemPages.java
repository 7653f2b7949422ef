package cn.jianbao.intake;

import cn.jianbao.directory.Person;
import cn.jianbao.directory.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The liaison's and the office's pages for items (static pages; their data comes from the API). */
@Controller
class ItemPages {

    @GetMapping("/submit")
    String submit(@AuthenticationPrincipal Person me, HttpServletResponse response) throws IOException {
        if (!me.is(Role.LIAISON)) {
            response.sendError(403); // only liaisons submit: the Chinese 403 page, with the way back
            return null;
        }
        return "forward:/submit.html";
    }

    @GetMapping("/items")
    String items() {
        return "forward:/items.html";
    }

    /** A malformed id is a 400 page, an unknown or unreadable one is said on the page (the API's 404). */
    @GetMapping("/items/{id}")
    String item(@PathVariable UUID id) {
        return "forward:/item.html";
    }

    @GetMapping("/items/{id}/record")
    String record(@PathVariable UUID id) {
        return "forward:/record.html";
    }
}
