package cn.jianbao.publication;

import cn.jianbao.intake.Actors;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of "编排简报": the draft (held in our tables) must still be publishable. */
@Component("checkIssueDraft")
class CheckIssueDraft implements TaskListener {

    private final IssueService issues;
    private final IdentityService identity;

    CheckIssueDraft(IssueService issues, IdentityService identity) {
        this.issues = issues;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        UUID id = UUID.fromString(task.getExecution().getProcessBusinessKey());
        issues.checkPublishable(id);
        issues.recordStep(id, "compileIssue", task.getId(), Actors.of(identity, task), "compiled", null,
                task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC));
    }
}
