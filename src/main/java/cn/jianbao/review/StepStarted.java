package cn.jianbao.review;

import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Creation of each user task: the item's status follows, and the previous round's decision
 * is cleared so a completion without a new decision cannot reuse it.
 */
@Component("stepStarted")
class StepStarted implements TaskListener {

    private final SubmissionService submissions;
    private final ProcessItems items;

    StepStarted(SubmissionService submissions, ProcessItems items) {
        this.submissions = submissions;
        this.items = items;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission item = items.of(task);
        TaskKey key = TaskKey.of(task.getTaskDefinitionKey()).orElseThrow();
        task.getExecution().removeVariables(List.of(Decision.VARIABLE, Decision.ADOPTION_VARIABLE, Decision.COMMENT));
        // Tasklist's list columns: as task variables, readable with the task alone (approvers may
        // not read the process instance, which would open other units' items to them)
        // the card in Tasklist says which item: 单位领导审批：黄江镇全力做好防汛…
        task.setName(key.label() + "：" + item.title());
        task.setVariableLocal("title", item.title());
        task.setVariableLocal("unitName", item.unit().name());
        task.setVariableLocal("kindLabel", item.kind().label());
        submissions.enteredStep(item.id(), SubmissionStatus.at(key));
    }
}
