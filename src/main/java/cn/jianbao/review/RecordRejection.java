package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.process.Decision;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记退稿": the item ends rejected, with the reason the approver gave. */
@Component("recordRejection")
class RecordRejection implements JavaDelegate {

    private final SubmissionService submissions;
    private final ProcessItems items;

    RecordRejection(SubmissionService submissions, ProcessItems items) {
        this.submissions = submissions;
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        submissions.conclude(items.of(execution).id(), SubmissionStatus.REJECTED, null, null,
                (String) execution.getVariable(Decision.COMMENT));
    }
}
