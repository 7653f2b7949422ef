package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.process.Decision;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记采用": adoption and its points (from the adoptionPoints table); the item awaits publication. */
@Component("recordAdoption")
class RecordAdoption implements JavaDelegate {

    private final SubmissionService submissions;
    private final ProcessItems items;

    RecordAdoption(SubmissionService submissions, ProcessItems items) {
        this.submissions = submissions;
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Number points = (Number) execution.getVariable("points");
        submissions.conclude(items.of(execution).id(), SubmissionStatus.AWAITING_PUBLICATION,
                (String) execution.getVariable(Decision.ADOPTION_VARIABLE), points == null ? null : points.intValue(),
                null);
    }
}
