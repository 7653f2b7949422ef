package cn.jianbao.review;

import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The item an execution of submission.bpmn works on. Every delegate and listener of that process
 * gets its item here, and only the instance bound to the item gets it: a process started with
 * another item's id as business key cannot touch that item.
 */
@Component
class ProcessItems {

    private final SubmissionService submissions;

    ProcessItems(SubmissionService submissions) {
        this.submissions = submissions;
    }

    Submission of(DelegateExecution execution) {
        return submissions.ofProcess(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    }

    Submission of(DelegateTask task) {
        return of(task.getExecution());
    }
}
