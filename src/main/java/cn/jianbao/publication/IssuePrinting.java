package cn.jianbao.publication;

import cn.jianbao.publication.print.IssueDocuments;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Makes a published issue's printed forms (Word, PDF, OFD) right after its sign-off commits, one
 * issue at a time in the background. Made inside the sign-off they held the series' number row
 * for the length of a PDF, so sign-offs queued behind each other. Nothing is lost if the node dies
 * first: the sweep finds recently published issues without their forms, and a download makes a
 * missing form itself (the same {@link IssueDocuments#storeMissing}, one maker per issue).
 */
@Component
class IssuePrinting {

    private static final Logger log = LoggerFactory.getLogger(IssuePrinting.class);

    private final IssueService issues;
    private final IssueDocuments documents;
    /** Issues waiting or being made, so a sweep does not queue one twice. */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService printer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "issue-printing");
        t.setDaemon(true);
        return t;
    });

    IssuePrinting(IssueService issues, IssueDocuments documents) {
        this.issues = issues;
        this.documents = documents;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void afterSignOff(IssuePublished event) {
        print(event.issueId());
    }

    /** Issues published in the last week that lack a form this node can make (a node died, a font was added). */
    @Scheduled(fixedDelayString = "${jianbao.printing.sweep-interval:5m}", initialDelayString = "${jianbao.printing.sweep-delay:1m}")
    void sweep() {
        List<UUID> missing;
        try {
            missing = documents.recentlyPublishedWithoutForms();
        } catch (RuntimeException e) {
            return; // the database is away: the next sweep
        }
        missing.forEach(this::print);
    }

    void print(UUID issueId) {
        if (!queued.add(issueId)) {
            return;
        }
        try {
            printer.execute(() -> {
                try {
                    issues.find(issueId).filter(Issue::published)
                            .ifPresent(issue -> documents.storeMissing(issueId, issues.printed(issue)));
                } catch (RuntimeException e) {
                    log.warn("issue {}: printed forms not made now ({}); the next sweep or the first download makes them",
                            issueId, e.toString());
                } finally {
                    queued.remove(issueId);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(issueId); // shutting down
        }
    }

    @PreDestroy
    void stop() {
        printer.shutdownNow();
    }
}
