package cn.jianbao.process;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The user tasks of our BPMN models: their ids, the words users see, and the only variables a
 * completion may carry. Anything else a client sends with a completion is refused, so no
 * variable can steer a gateway or a delegate it was not meant for.
 */
public enum TaskKey {
    LEADER_APPROVAL("leaderApproval", "单位领导审批", Decision.VARIABLE, Decision.COMMENT),
    OFFICE_REVIEW("officeReview", "办公室审核", Decision.VARIABLE, Decision.COMMENT),
    ADOPTION_DECISION("adoptionDecision", "决定是否采用", Decision.ADOPTION_VARIABLE, Decision.COMMENT),
    /** The revise form sends new text and/or a document. */
    REVISE("revise", "修改后重新报送", "text", "document", Decision.COMMENT),
    /** Answered by a submission or declined through our API; nothing is sent with the completion. */
    ANSWER_COMMISSION("answerCommission", "答复约稿"),
    COMPILE_ISSUE("compileIssue", "编排简报"),
    SIGN_OFF("signOff", "签发", Decision.VARIABLE, Decision.COMMENT);

    private final String id;
    private final String label;
    private final List<String> completionVariables;

    TaskKey(String id, String label, String... completionVariables) {
        this.id = id;
        this.label = label;
        this.completionVariables = List.of(completionVariables);
    }

    /** The task definition key in the BPMN. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public List<String> completionVariables() {
        return completionVariables;
    }

    public static Optional<TaskKey> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
