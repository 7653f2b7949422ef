package cn.jianbao.publication;

import cn.jianbao.intake.SubmissionService;
import cn.jianbao.intake.SubmissionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记刊发": the item appeared in an issue; its submission process ends here. */
@Component("recordPublication")
class RecordPublication implements JavaDelegate {

    private final SubmissionService submissions;

    RecordPublication(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID id = UUID.fromString(execution.getProcessBusinessKey());
        var current = submissions.require(id);
        submissions.conclude(id, SubmissionStatus.PUBLISHED, current.adoption(), current.points(), null);
    }
}
