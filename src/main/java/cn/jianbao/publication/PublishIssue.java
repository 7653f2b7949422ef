package cn.jianbao.publication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "编号刊发": numbers the issue and completes its items' submission processes as published. */
@Component("publishIssue")
class PublishIssue implements JavaDelegate {

    private final IssueService issues;

    PublishIssue(IssueService issues) {
        this.issues = issues;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Issue issue = issues.ofProcess(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
        Issue published = issues.publish(issue.id(), (String) execution.getVariable("signedBy"));
        execution.setVariable("issueNumber", published.number());
    }
}
