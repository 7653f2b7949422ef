package cn.jianbao.publication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of "简报草稿已创建": binds the draft {@link IssueService#create} stored a moment ago to this
 * instance, once, so every later listener finds its issue through the instance.
 */
@Component("registerIssue")
class RegisterIssue implements ExecutionListener {

    private final IssueService issues;

    RegisterIssue(IssueService issues) {
        this.issues = issues;
    }

    @Override
    public void notify(DelegateExecution execution) {
        issues.bind(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    }
}
