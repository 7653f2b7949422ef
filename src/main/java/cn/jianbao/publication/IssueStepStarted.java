package cn.jianbao.publication;

import cn.jianbao.process.TaskKey;
import cn.jianbao.process.Decision;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Creation of "编排简报" and "签发": the previous round's decision is cleared, and the task gets
 * Tasklist's list columns (title, who it is from, what it is), readable with the task alone, so an
 * issue's card says which issue it is.
 */
@Component("issueStepStarted")
class IssueStepStarted implements TaskListener {

    private final IssueService issues;

    IssueStepStarted(IssueService issues) {
        this.issues = issues;
    }

    @Override
    public void notify(DelegateTask task) {
        Issue issue = issues.ofProcess(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId());
        task.getExecution().removeVariables(List.of(Decision.VARIABLE, Decision.COMMENT));
        String label = TaskKey.of(task.getTaskDefinitionKey()).map(TaskKey::label).orElse(task.getName());
        task.setName(issue.title() == null ? label : label + "：" + issue.title());
        task.setVariableLocal("title", issue.title());
        task.setVariableLocal("unitName", "协调办公室");
        task.setVariableLocal("kindLabel", issue.series().label() + "（" + issue.items().size() + "条）");
    }
}
