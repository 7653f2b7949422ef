package cn.jianbao.review;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import cn.jianbao.process.Decision;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记不予采用": the item ends without points, with the signer's reason if given. */
@Component("recordNonAdoption")
class RecordNonAdoption implements JavaDelegate {

    private final SubmissionService submissions;
    private final ProcessItems items;

    RecordNonAdoption(SubmissionService submissions, ProcessItems items) {
        this.submissions = submissions;
        this.items = items;
    }

    @Override
    public void execute(DelegateExecution execution) {
        submissions.conclude(items.of(execution).id(), SubmissionStatus.NOT_ADOPTED, Decision.NOT_ADOPTED.code(), 0,
                (String) execution.getVariable(Decision.COMMENT));
    }
}
