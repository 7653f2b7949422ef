package cn.jianbao.publication;

import cn.jianbao.publication.print.IssueDocuments;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Makes a published issue's printed forms (Word, PDF, OFD) right after its sign-off commits, in the
 * background on Spring's task executor. Made inside the sign-off they held the series' number row
 * for the length of a PDF, so sign-offs queued behind each other.
 * <p>
 * Nothing is lost if the node dies first: the sign-off's {@link IssuePublished} stays in Spring
 * Modulith's event publication registry until the forms are made, and a node that starts runs what
 * was left. The sweep stays for what the registry cannot see — forms a node could not make at the time
 * (no Chinese font then; a node that never comes back while the other runs on) — and a download makes
 * a missing form itself (the same {@link IssueDocuments#storeMissing}, one maker per issue).
 */
@Component
class IssuePrinting {

    private static final Logger log = LoggerFactory.getLogger(IssuePrinting.class);

    private final IssueService issues;
    private final IssueDocuments documents;
    private final TaskExecutor executor;
    /** Issues the sweep has handed to the executor and not yet made, so it does not queue one twice. */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    IssuePrinting(IssueService issues, IssueDocuments documents,
                  @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.issues = issues;
        this.documents = documents;
        this.executor = executor;
    }

    /** The registry's name for this listener: kept when the method is renamed, so nothing stored is orphaned. */
    static final String LISTENER_ID = "publication.issue-printing";

    /**
     * After the commit, on the task executor, without a transaction of its own ({@code storeMissing}
     * takes one per issue). An exception leaves the publication in the registry for the next start.
     */
    @ApplicationModuleListener(id = LISTENER_ID, propagation = Propagation.NOT_SUPPORTED)
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
        for (UUID issueId : missing) {
            if (!queued.add(issueId)) {
                continue;
            }
            try {
                executor.execute(() -> {
                    try {
                        print(issueId);
                    } catch (RuntimeException e) {
                        log.warn("issue {}: printed forms not made now ({}); the next sweep or the first download makes them",
                                issueId, e.toString());
                    } finally {
                        queued.remove(issueId);
                    }
                });
            } catch (org.springframework.core.task.TaskRejectedException e) {
                queued.remove(issueId); // shutting down
            }
        }
    }

    private void print(UUID issueId) {
        issues.find(issueId).filter(Issue::published)
                .ifPresent(issue -> documents.storeMissing(issueId, issues.printed(issue)));
    }
}
