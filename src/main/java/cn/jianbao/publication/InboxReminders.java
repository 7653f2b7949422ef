package cn.jianbao.publication;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Unread deliveries get one reminder (催阅), shown in the inbox: checked every ten minutes on every
 * node; the reminder is marked on the delivery by one update, so each is reminded once.
 */
@Component
class InboxReminders {

    private final Inbox inbox;
    private final Duration remindAfter;

    InboxReminders(Inbox inbox, @Value("${jianbao.inbox.remind-after:P2D}") Duration remindAfter) {
        this.inbox = inbox;
        this.remindAfter = remindAfter;
    }

    @Scheduled(fixedDelayString = "${jianbao.inbox.remind-check:PT10M}", initialDelayString = "PT1M")
    void remind() {
        inbox.remindUnread(remindAfter);
    }
}
