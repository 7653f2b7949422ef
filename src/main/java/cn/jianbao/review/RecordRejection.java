package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记退稿": the item ends rejected, with the reason the approver gave. */
@Component("recordRejection")
class RecordRejection implements JavaDelegate {

    private final SubmissionService submissions;

    RecordRejection(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        submissions.conclude(UUID.fromString(execution.getProcessBusinessKey()), SubmissionStatus.REJECTED, null, null,
                (String) execution.getVariable(Decisions.COMMENT));
    }
}
