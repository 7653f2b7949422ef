package cn.jianbao.review;

import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.publication.IssueService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "登记刊发": the item appeared in an issue; its submission process ends here, and this is the one
 * place an item becomes published (its publication step and status, written together). Only an
 * issue that is published and carries this item counts, and its distribution becomes part of who
 * may read a restricted item.
 */
@Component("recordPublication")
class RecordPublication implements JavaDelegate {

    private final SubmissionService submissions;
    private final IssueService issues;
    private final ProcessItems items;

    RecordPublication(SubmissionService submissions, IssueService issues, ProcessItems items) {
        this.submissions = submissions;
        this.issues = issues;
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission item = items.of(execution);
        UUID issueId = UUID.fromString(String.valueOf(execution.getVariable("issueId")));
        IssueService.ItemPublication publication = issues.publicationOf(issueId, item.id());
        submissions.published(item.id(), publication.readers(), publication.step());
    }
}
