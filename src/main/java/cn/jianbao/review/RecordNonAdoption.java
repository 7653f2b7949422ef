package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记不予采用": the item ends without points, with the signer's reason if given. */
@Component("recordNonAdoption")
class RecordNonAdoption implements JavaDelegate {

    private final SubmissionService submissions;

    RecordNonAdoption(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        submissions.conclude(UUID.fromString(execution.getProcessBusinessKey()), SubmissionStatus.NOT_ADOPTED,
                Decisions.NOT_ADOPTED, 0, (String) execution.getVariable(Decisions.COMMENT));
    }
}
