package cn.jianbao.publication;

import cn.jianbao.process.Actors;
import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import java.time.ZoneOffset;
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
        Issue issue = issues.ofProcess(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId());
        issues.checkPublishable(issue.id());
        issues.recordStep(issue.id(), TaskKey.COMPILE_ISSUE.id(), task.getId(), Actors.of(identity, task),
                Decision.COMPILED.code(), null, task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC));
    }
}
