package cn.jianbao.review;

import cn.jianbao.process.Processes;
import cn.jianbao.publication.IssuePublished;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An issue is published: each of its items' submission processes, waiting at "等待刊发", receives
 * the {@code published} message and goes on to "登记刊发" ({@link RecordPublication}). In the
 * sign-off's transaction, so an issue is never published with an item left waiting.
 */
@Component
class PublishedItems {

    private final RuntimeService runtime;

    PublishedItems(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void published(IssuePublished event) {
        for (UUID item : event.submissionIds()) {
            runtime.createMessageCorrelation(Processes.SUBMISSION_PUBLISHED)
                    .processInstanceBusinessKey(item.toString())
                    .setVariable("issueId", event.issueId().toString())
                    .correlate();
        }
    }
}
