package cn.jianbao.publication;

import cn.jianbao.process.Actors;
import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import java.time.ZoneOffset;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/** Completion of "签发": checks the decision (approve, or return with a reason) and records who signed. */
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
        Issue issue = issues.ofProcess(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId());
        Object d = task.getVariable(Decision.VARIABLE);
        Optional<Decision> decision = Decision.of(d == null ? null : d.toString().strip())
                .filter(Decision.SIGN_OFF::contains);
        Object c = task.getVariable(Decision.COMMENT);
        String comment = c == null || c.toString().isBlank() ? null : c.toString().strip();
        if (decision.isEmpty()) {
            throw new FormFieldValidationException(Decision.VARIABLE, "请选择签发意见：签发（approve）或退回修改（return）。");
        }
        if (decision.get() == Decision.RETURN && comment == null) {
            throw new FormFieldValidationException(Decision.COMMENT, "退回修改时，请填写意见说明（comment）。");
        }
        if (comment != null && comment.length() > 2000) {
            throw new FormFieldValidationException(Decision.COMMENT, "意见说明不能超过2000字。");
        }
        String actor = Actors.of(identity, task);
        issues.recordStep(issue.id(), TaskKey.SIGN_OFF.id(), task.getId(), actor, decision.get().code(), comment,
                task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC));
        task.getExecution().setVariable("signedBy", actor);
    }
}
