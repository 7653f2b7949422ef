package cn.jianbao.intake;

import cn.jianbao.directory.Person;
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
        if (!cn.jianbao.access.WritePolicy.allows(me, cn.jianbao.access.WritePolicy.Action.SUBMIT)) {
            response.sendError(403); // only liaisons submit: the Chinese 403 page, with the way back
            return null;
        }
        return "forward:/submit.html";
    }

    @GetMapping("/items")
    String items() {
        return "forward:/items.html";
    }

    private final SubmissionService submissions;

    ItemPages(SubmissionService submissions) {
        this.submissions = submissions;
    }

    /**
     * By id, or by the 报送编号 a person types (/items/黄江2026-37): that one redirects to the item's
     * page if the person may read it, else the same 404 page as for a number that was never given.
     * An unknown or unreadable id is said on the page (the API's 404).
     */
    @GetMapping("/items/{ref}")
    String item(@PathVariable String ref, @AuthenticationPrincipal Person me, HttpServletResponse response)
            throws IOException {
        if (isUuid(ref)) {
            return "forward:/item.html";
        }
        var found = submissions.findByNumber(me, ref);
        if (found.isEmpty()) {
            response.sendError(404);
            return null;
        }
        return "redirect:/items/" + found.get().id();
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @GetMapping("/items/{id}/record")
    String record(@PathVariable UUID id) {
        return "forward:/record.html";
    }
}
