package cn.jianbao.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of "修改后重新报送": applies the new text or document from the Tasklist form
 * (our API has applied it already) and records the resubmission.
 */
@Component("applyRevision")
class ApplyRevision implements TaskListener {

    private final SubmissionService submissions;
    private final IdentityService identity;

    ApplyRevision(SubmissionService submissions, IdentityService identity) {
        this.submissions = submissions;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        UUID id = UUID.fromString(task.getExecution().getProcessBusinessKey());
        String actor = Actors.of(identity, task);
        if (!Boolean.TRUE.equals(task.getVariable(SubmissionService.REVISION_APPLIED))) {
            submissions.applyRevision(id, actor, FormVariables.draft(task));
            FormVariables.remove(task.getExecution());
        }
        Object comment = task.getVariable("comment");
        submissions.recordStep(id, new Step(task.getTaskDefinitionKey(), task.getId(), actor, "resubmitted",
                comment == null || comment.toString().isBlank() ? null : comment.toString().strip(),
                task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
