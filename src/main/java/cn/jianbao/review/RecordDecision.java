package cn.jianbao.review;

import cn.jianbao.intake.Step;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.process.Actors;
import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Completion of an approval task (领导审批, 办公室审核, 决定是否采用): checks the decision,
 * whichever way it came (Tasklist form, /engine-rest complete or submit-form), and records
 * who decided what, when and why in the same transaction as the completion.
 */
@Component("recordDecision")
class RecordDecision implements TaskListener {

    private final SubmissionService submissions;
    private final ProcessItems items;
    private final IdentityService identity;

    /** The application's clock (tests move it). */
    private final java.time.Clock clock;

    RecordDecision(SubmissionService submissions, ProcessItems items, IdentityService identity, java.time.Clock clock) {
        this.clock = clock;
        this.submissions = submissions;
        this.items = items;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission item = items.of(task);
        TaskKey key = TaskKey.of(task.getTaskDefinitionKey()).orElseThrow();
        var violation = DecisionRules.check(key, task.getVariables());
        if (violation.isPresent()) {
            throw new FormFieldValidationException(violation.get().field(), violation.get().message());
        }
        String decision = DecisionRules.text(task.getVariable(
                key == TaskKey.ADOPTION_DECISION ? Decision.ADOPTION_VARIABLE : Decision.VARIABLE));
        submissions.recordStep(item.id(), new Step(key.id(), task.getId(), Actors.of(identity, task), decision,
                DecisionRules.text(task.getVariable(Decision.COMMENT)),
                task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC), OffsetDateTime.now(clock)));
    }
}
