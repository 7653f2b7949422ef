package cn.jianbao.notification;

import cn.jianbao.directory.Person;
import cn.jianbao.web.Paging;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Each person's notifications and their choice of channels; the bell in the app shell reads these. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "通知")
@RestController
class NotificationController {

    /** The page: everyone signed in has one. */
    @org.springframework.stereotype.Controller
    static class Page {
        @GetMapping("/notifications")
        String page() {
            return "forward:/notifications.html";
        }
    }

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    ResponseEntity<List<Notifications.Item>> list(@AuthenticationPrincipal Person me,
                                                  @RequestParam(required = false) Boolean unread,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size, 20);
        Notifications.Page p = notifications.list(me, Boolean.TRUE.equals(unread), paging.offset(), paging.size());
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(p.total()))
                .header("X-Unread-Count", Long.toString(p.unread())).body(p.items());
    }

    @PostMapping("/api/notifications/{id}/read")
    ResponseEntity<Void> read(@AuthenticationPrincipal Person me, @PathVariable UUID id) {
        notifications.markRead(me, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/notifications/read-all")
    Map<String, Integer> readAll(@AuthenticationPrincipal Person me) {
        return Map.of("marked", notifications.markAllRead(me));
    }

    @GetMapping("/api/notifications/deliveries")
    List<Notifications.Delivery> deliveries(@AuthenticationPrincipal Person me,
                                            @RequestParam(required = false) Boolean all) {
        return notifications.deliveries(me, Boolean.TRUE.equals(all), 100);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "通知发送队列状态（系统管理员）：待发送、发送失败重试中、已放弃")
    @GetMapping("/api/notifications/status")
    Notifications.OutboxStatus status(@AuthenticationPrincipal Person me) {
        return notifications.status(me);
    }

    /** The channels set up (e-mail, robot), and optionally where each kind of notice goes. */
    record Choice(Boolean email, Notifications.Webhook webhook, java.util.Map<String, List<String>> kinds) {
    }

    @GetMapping("/api/me/notification-settings")
    Notifications.Settings settings(@AuthenticationPrincipal Person me) {
        return notifications.settings(me);
    }

    @PutMapping("/api/me/notification-settings")
    Notifications.Settings choose(@AuthenticationPrincipal Person me, @RequestBody Choice choice) {
        notifications.choose(me, Boolean.TRUE.equals(choice.email()), choice.webhook());
        return notifications.chooseKinds(me, choice.kinds());
    }
}
