package cn.jianbao.intake;

import cn.jianbao.process.TaskKey;

/** Where an item stands on its path; the first four are the user tasks of submission.bpmn. */
public enum SubmissionStatus {
    LEADER_APPROVAL("待单位领导审批", TaskKey.LEADER_APPROVAL.id()),
    OFFICE_REVIEW("待办公室审核", TaskKey.OFFICE_REVIEW.id()),
    ADOPTION_DECISION("待决定采用", TaskKey.ADOPTION_DECISION.id()),
    REVISING("退回修改中", TaskKey.REVISE.id()),
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

    /** The status of an item whose path reached this user task. */
    public static SubmissionStatus at(TaskKey task) {
        for (SubmissionStatus s : values()) {
            if (task.id().equals(s.step)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No status for task " + task);
    }
}
