package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记采用": adoption and its points (from the adoptionPoints table); the item awaits publication. */
@Component("recordAdoption")
class RecordAdoption implements JavaDelegate {

    private final SubmissionService submissions;

    RecordAdoption(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Number points = (Number) execution.getVariable("points");
        submissions.conclude(UUID.fromString(execution.getProcessBusinessKey()), SubmissionStatus.AWAITING_PUBLICATION,
                (String) execution.getVariable(Decisions.ADOPTION), points == null ? null : points.intValue(), null);
    }
}
