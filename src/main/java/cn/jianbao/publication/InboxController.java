package cn.jianbao.publication;

import cn.jianbao.directory.Person;
import cn.jianbao.web.Paging;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The inbox page and API, the receipt an opening records, and the office's view of receipts. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "简报编发")
@Controller
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/inbox")
    String page() {
        return "forward:/inbox.html";
    }

    @GetMapping("/api/inbox")
    @ResponseBody
    ResponseEntity<List<Inbox.Entry>> list(@AuthenticationPrincipal Person me,
                                           @RequestParam(required = false) Boolean unread,
                                           @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size, 20);
        Inbox.Page result = inbox.of(me, Boolean.TRUE.equals(unread), paging.offset(), paging.size());
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(result.total()))
                .header("X-Unread-Count", Long.toString(result.unread())).body(result.entries());
    }

    /** Called by the issue page when a recipient opens the issue. */
    @PostMapping("/api/inbox/{issueId}/read")
    @ResponseBody
    List<Inbox.Receipt> read(@AuthenticationPrincipal Person me, @PathVariable UUID issueId) {
        return inbox.read(me, issueId);
    }

    @GetMapping("/api/issues/{id}/receipts")
    @ResponseBody
    List<Inbox.Receipt> receipts(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        return inbox.receipts(me, id);
    }
}
