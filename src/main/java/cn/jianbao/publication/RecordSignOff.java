package cn.jianbao.publication;

import cn.jianbao.intake.Actors;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * "签发": on create, clears the previous round's decision; on complete, checks the decision
 * (approve, or return with a reason) and records who signed, for {@code publishIssue}.
 */
@Component("recordSignOff")
class RecordSignOff implements TaskListener {

    private final IssueService issues;
    private final IdentityService identity;

    RecordSignOff(IssueService issues, IdentityService identity) {
        this.issues = issues;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().removeVariables(List.of("decision", "comment"));
            // Tasklist's 标题 column, readable with the task alone
            task.setVariableLocal("title", task.getExecution().getVariable("title"));
            return;
        }
        Object d = task.getVariable("decision");
        String decision = d == null ? null : d.toString().strip();
        Object c = task.getVariable("comment");
        String comment = c == null || c.toString().isBlank() ? null : c.toString().strip();
        if (!"approve".equals(decision) && !"return".equals(decision)) {
            throw new FormFieldValidationException("decision", "请选择签发意见：签发（approve）或退回修改（return）。");
        }
        if ("return".equals(decision) && comment == null) {
            throw new FormFieldValidationException("comment", "退回修改时，请填写意见说明（comment）。");
        }
        String actor = Actors.of(identity, task);
        issues.recordStep(UUID.fromString(task.getExecution().getProcessBusinessKey()), "signOff", task.getId(), actor,
                decision, comment, task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC));
        task.getExecution().setVariable("signedBy", actor);
    }
}
