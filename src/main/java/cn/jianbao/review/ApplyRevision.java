package cn.jianbao.review;

import cn.jianbao.web.OfficeTime;
import cn.jianbao.intake.Step;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionDraft;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.process.Actors;
import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of "修改后重新报送": applies the new text or document the Tasklist form carried (our
 * API applies its revision before completing), then insists that the item changed since it was
 * returned, and records the resubmission. No variable can skip that check.
 */
@Component("applyRevision")
class ApplyRevision implements TaskListener {

    private final SubmissionService submissions;
    private final ProcessItems items;
    private final IdentityService identity;
    private final OfficeTime time;

    ApplyRevision(SubmissionService submissions, ProcessItems items, IdentityService identity, OfficeTime time) {
        this.submissions = submissions;
        this.items = items;
        this.identity = identity;
        this.time = time;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission item = items.of(task);
        String actor = Actors.of(identity, task);
        SubmissionDraft form = FormVariables.draft(task, time.zone());
        if (form.text() != null && !form.text().isBlank() || !form.files().isEmpty()) {
            submissions.applyRevision(item.id(), actor, form);
        }
        FormVariables.remove(task.getExecution());
        submissions.requireRevisedSinceReturn(item.id());
        String comment = DecisionRules.text(task.getVariable(Decision.COMMENT));
        submissions.recordStep(item.id(), new Step(TaskKey.REVISE.id(), task.getId(), actor,
                Decision.RESUBMITTED.code(), comment, task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC),
                time.now()));
    }
}
