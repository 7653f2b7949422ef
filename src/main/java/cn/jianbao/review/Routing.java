package cn.jianbao.review;

import cn.jianbao.directory.Groups;
import cn.jianbao.intake.Submission;
import cn.jianbao.intake.SubmissionService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who gets an item's tasks, read from our submission table rather than from process
 * variables: anyone working a task may change its process variables through Camunda's REST
 * API, so routing by a variable would let them re-route the item to another unit.
 */
@Component("routing")
public class Routing {

    private final SubmissionService submissions;

    Routing(SubmissionService submissions) {
        this.submissions = submissions;
    }

    /** The leaders' group of the unit that submitted the item. */
    public String leadersOf(DelegateExecution execution) {
        return Groups.leaders(submission(execution).unit().code());
    }

    /** The liaison who submitted the item. */
    public String liaisonOf(DelegateExecution execution) {
        return submission(execution).liaisonId();
    }

    private Submission submission(DelegateExecution execution) {
        return submissions.require(UUID.fromString(execution.getProcessBusinessKey()));
    }
}
