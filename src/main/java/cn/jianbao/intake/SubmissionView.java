package cn.jianbao.intake;

import cn.jianbao.process.Decision;
import cn.jianbao.process.Processes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A submission as the API and the Tasklist forms show it: codes for programs, labels for people.
 * Without {@code steps} (a reader who may not see the approval record) the record's fields are left out.
 */
record SubmissionView(
        UUID id,
        String number,
        String title,
        String kind,
        String kindLabel,
        String classification,
        String classificationLabel,
        Map<String, String> unit,
        String author,
        String liaison,
        String liaisonName,
        String text,
        long textChars,
        String explanation,
        OffsetDateTime eventTime,
        String urgency,
        String urgencyLabel,
        OffsetDateTime reportDeadline,
        Boolean late,
        String lateBy,
        String lateByLabel,
        UUID commissionId,
        String status,
        String statusLabel,
        String currentStep,
        String adoption,
        Integer points,
        String rejectionReason,
        String processInstanceId,
        int revision,
        OffsetDateTime submittedAt,
        OffsetDateTime updatedAt,
        List<DocumentView> documents,
        List<StepView> decisions) {

    static SubmissionView of(Submission s, List<StoredDocument> documents, List<Step> steps,
                             java.util.function.Function<String, String> names) {
        return new SubmissionView(s.id(), s.number(), s.title(), s.kind().code(), s.kind().label(), s.classification().code(),
                s.classification().label(), unit(s), s.author(), steps == null ? null : s.liaisonId(),
                steps == null ? null : names.apply(s.liaisonId()), s.body(),
                SubmissionRules.countChars(s.body()), s.explanation(), s.eventTime(),
                s.timeliness().urgency().code(), s.timeliness().urgency().label(), s.timeliness().deadline(),
                s.timeliness().known() ? s.timeliness().late() : null,
                s.timeliness().late() ? java.time.Duration.ofSeconds(s.timeliness().lateSeconds()).toString() : null,
                s.timeliness().late() ? "迟报" + Timeliness.label(s.timeliness().lateSeconds()) : null, s.commissionId(),
                s.status().code(),
                s.status().label(), s.status().step(), s.adoption(), s.points(),
                steps == null ? null : s.rejectionReason(), steps == null ? null : s.processInstanceId(), s.revision(),
                s.submittedAt(), s.updatedAt(), documents.stream().map(DocumentView::of).toList(),
                steps == null ? null : steps.stream().map(step -> StepView.of(step, names)).toList());
    }

    private static Map<String, String> unit(Submission s) {
        return Map.of("code", s.unit().code(), "name", s.unit().name());
    }

    record DocumentView(UUID id, String fileName, String mediaType, long size, String sha256, int revision,
                        boolean superseded, String url) {
        static DocumentView of(StoredDocument d) {
            return new DocumentView(d.id(), d.fileName(), d.mediaType(), d.size(), d.sha256(), d.revision(),
                    d.superseded(), "/api/submissions/" + d.submissionId() + "/documents/" + d.id());
        }
    }

    record StepView(String step, String stepLabel, String actor, String actorName, String decision,
                    String decisionLabel, String comment, OffsetDateTime startedAt, OffsetDateTime decidedAt) {

        static StepView of(Step s, java.util.function.Function<String, String> names) {
            return new StepView(s.step(), Processes.stepLabel(s.step()), s.actor(), names.apply(s.actor()), s.decision(),
                    Decision.label(s.decision()), s.comment(), s.startedAt(), s.decidedAt());
        }
    }

    /** A row of a list; {@code since}: when the item reached its current state; a returned item says why. */
    record Summary(UUID id, String number, String title, String kind, String kindLabel, Map<String, String> unit, String author,
                   String status, String statusLabel, String currentStep, String classification,
                   String classificationLabel, String adoption, OffsetDateTime submittedAt, OffsetDateTime since,
                   String returnReason) {
        static Summary of(Submission s) {
            return of(s, null);
        }

        static Summary of(Submission s, String returnReason) {
            return new Summary(s.id(), s.number(), s.title(), s.kind().code(), s.kind().label(), SubmissionView.unit(s), s.author(),
                    s.status().code(), s.status().label(), s.status().step(), s.classification().code(),
                    s.classification().label(), s.adoption(), s.submittedAt(), s.updatedAt(), returnReason);
        }
    }
}
