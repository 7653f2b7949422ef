package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import java.util.List;
import java.util.UUID;
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

    StepStarted(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Override
    public void notify(DelegateTask task) {
        task.getExecution().removeVariables(List.of(Decisions.DECISION, Decisions.ADOPTION, Decisions.COMMENT));
        // Tasklist's list columns: as task variables, readable with the task alone (approvers may
        // not read the process instance, which would open other units' items to them)
        for (String column : List.of("title", "unitName", "kindLabel")) {
            task.setVariableLocal(column, task.getExecution().getVariable(column));
        }
        submissions.enteredStep(UUID.fromString(task.getExecution().getProcessBusinessKey()),
                SubmissionStatus.atStep(task.getTaskDefinitionKey()));
    }
}
