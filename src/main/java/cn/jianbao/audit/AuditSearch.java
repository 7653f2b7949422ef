package cn.jianbao.audit;

import cn.jianbao.directory.Person;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The auditor's search page and its API ({@link AuditItems}). */
@io.swagger.v3.oas.annotations.tags.Tag(name = "审计")
@Controller
class AuditSearch {

    private final AuditItems items;

    AuditSearch(AuditItems items) {
        this.items = items;
    }

    /** Someone else gets the Chinese 403 page, not a page whose every request fails. */
    @GetMapping("/audit")
    String page(@AuthenticationPrincipal Person me, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        if (!AuditItems.mayUse(me)) {
            response.sendError(403);
            return null;
        }
        return "forward:/audit.html";
    }

    /** Items by title or number, unit, person, dates, status and decision; the count in {@code X-Total-Count}. */
    @GetMapping("/api/audit/items")
    @ResponseBody
    ResponseEntity<List<Map<String, Object>>> search(@AuthenticationPrincipal Person me,
                                                     @RequestParam(required = false) String q,
                                                     @RequestParam(required = false) String unit,
                                                     @RequestParam(required = false) String person,
                                                     @RequestParam(required = false) String from,
                                                     @RequestParam(required = false) String to,
                                                     @RequestParam(required = false) String status,
                                                     @RequestParam(required = false) String decision,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        AuditItems.Found found = items.search(me, new AuditItems.Criteria(q, unit, person, from, to, status, decision,
                page, size));
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(found.total())).body(found.items());
    }
}
