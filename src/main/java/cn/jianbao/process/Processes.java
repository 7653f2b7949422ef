package cn.jianbao.process;

/** Keys of our process definitions and the messages between them. */
public final class Processes {

    /** processes/submission.bpmn: one information item's path; business key = submission id. */
    public static final String SUBMISSION = "submission";
    /** processes/issue-publication.bpmn: one briefing issue; business key = issue id. */
    public static final String ISSUE_PUBLICATION = "issuePublication";
    public static final String COMMISSION = "commission";
    /** Sent by the issue's publication, inside the engine only, to end each item's path as published. */
    public static final String SUBMISSION_PUBLISHED = "SubmissionPublished";

    /**
     * The variables of submission.bpmn's start form (forms/submit.html): the only ones a start
     * from Tasklist or Camunda's REST API may carry.
     */
    public static final java.util.List<String> SUBMISSION_START_FORM = java.util.List.of("title", "kind",
            "classification", "author", "text", "explanation", "eventTime", "urgency", "document");

    /** The steps of an item's trail that are not user tasks. */
    public static final String STEP_SUBMIT = "submit";
    public static final String STEP_PUBLICATION = "publication";
    /** The office changed the title or text (改稿): a revision of its own, not a step of the process. */
    public static final String STEP_OFFICE_EDIT = "officeEdit";

    private Processes() {
    }

    /** The words users see for a step of the trail: a task's label, 报送 or 刊发. */
    public static String stepLabel(String step) {
        if (STEP_SUBMIT.equals(step)) {
            return "报送";
        }
        if (STEP_PUBLICATION.equals(step)) {
            return "刊发";
        }
        if (STEP_OFFICE_EDIT.equals(step)) {
            return "办公室改稿";
        }
        return TaskKey.of(step).map(TaskKey::label).orElse(step);
    }
}
