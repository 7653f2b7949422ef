package cn.jianbao.publication;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "刊发简报": numbers the issue and completes its items' submission processes as published. */
@Component("publishIssue")
class PublishIssue implements JavaDelegate {

    private final IssueService issues;

    PublishIssue(IssueService issues) {
        this.issues = issues;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Issue issue = issues.publish(UUID.fromString(execution.getProcessBusinessKey()),
                (String) execution.getVariable("signedBy"));
        execution.setVariable("issueNumber", issue.number());
    }
}
