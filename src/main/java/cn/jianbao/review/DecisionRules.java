package cn.jianbao.review;

import java.util.Map;
import java.util.Optional;

/**
 * What makes a decision complete: a known value, and a reason when an item is sent back or
 * refused. Checked before the engine is called (so Camunda's REST API can answer 400) and
 * again when the task completes, whichever way it was completed.
 */
final class DecisionRules {

    record Violation(String field, String message) {
    }

    private DecisionRules() {
    }

    /** Variables as submitted: decision, adoption, comment (others are ignored). */
    static Optional<Violation> check(String taskDefinitionKey, Map<String, ?> variables) {
        boolean adoptionStep = "adoptionDecision".equals(taskDefinitionKey);
        String variable = adoptionStep ? Decisions.ADOPTION : Decisions.DECISION;
        String decision = text(variables.get(variable));
        String comment = text(variables.get(Decisions.COMMENT));
        String step = cn.jianbao.intake.StepLabels.step(taskDefinitionKey);
        // Set.of(...).contains(null) throws, hence the explicit null check
        if (decision == null || !(adoptionStep ? Decisions.ADOPTION_VALUES : Decisions.REVIEW_VALUES).contains(decision)) {
            return Optional.of(new Violation(variable, adoptionStep
                    ? "请选择采用方式：单独刊发（standalone）、综合采用（comprehensive）或不予采用（rejected）。"
                    : "请选择" + step + "意见：同意（approve）、退回修改（return）或不予通过（reject）。"));
        }
        if (!adoptionStep && !Decisions.APPROVE.equals(decision) && comment == null) {
            return Optional.of(new Violation(Decisions.COMMENT, "退回或不予通过时，请填写意见说明（comment），以便报送单位修改。"));
        }
        if (comment != null && comment.length() > 2000) {
            return Optional.of(new Violation(Decisions.COMMENT, "意见说明不能超过2000字。"));
        }
        return Optional.empty();
    }

    static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
