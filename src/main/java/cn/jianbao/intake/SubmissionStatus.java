package cn.jianbao.intake;

/** Where an item stands on its path; the first four are the user tasks of submission.bpmn. */
public enum SubmissionStatus {
    LEADER_APPROVAL("待单位领导审批", "leaderApproval"),
    OFFICE_REVIEW("待办公室审核", "officeReview"),
    ADOPTION_DECISION("待决定采用", "adoptionDecision"),
    REVISING("退回修改中", "revise"),
    AWAITING_PUBLICATION("已采用，待刊发", "awaitPublication"),
    PUBLISHED("已刊发", null),
    REJECTED("已退稿", null),
    NOT_ADOPTED("不予采用", null);

    private final String label;
    private final String step;

    SubmissionStatus(String label, String step) {
        this.label = label;
        this.step = step;
    }

    public String label() {
        return label;
    }

    /** The BPMN element the item waits at, or null once it has ended. */
    public String step() {
        return step;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static SubmissionStatus of(String code) {
        return valueOf(code.toUpperCase());
    }

    public static SubmissionStatus atStep(String taskDefinitionKey) {
        for (SubmissionStatus s : values()) {
            if (taskDefinitionKey.equals(s.step)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No status for step " + taskDefinitionKey);
    }
}
