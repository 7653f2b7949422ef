package cn.jianbao.review;

import cn.jianbao.process.Decision;
import cn.jianbao.process.TaskKey;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a decision complete: a known value, and a reason when an item is sent back or
 * refused. Checked when the task completes, whichever way it was completed.
 */
final class DecisionRules {

    record Violation(String field, String message) {
    }

    private DecisionRules() {
    }

    /** Variables as submitted: decision, adoption, comment (the engine boundary refuses others). */
    static Optional<Violation> check(TaskKey task, Map<String, ?> variables) {
        boolean adoptionStep = task == TaskKey.ADOPTION_DECISION;
        String variable = adoptionStep ? Decision.ADOPTION_VARIABLE : Decision.VARIABLE;
        Optional<Decision> decision = Decision.of(text(variables.get(variable)))
                .filter(adoptionStep ? Decision.ADOPTION::contains : Decision.REVIEW::contains);
        String comment = text(variables.get(Decision.COMMENT));
        if (decision.isEmpty()) {
            return Optional.of(new Violation(variable, adoptionStep
                    ? "请选择采用方式：单独刊发（standalone）、综合采用（comprehensive）或不予采用（rejected）。"
                    : "请选择" + task.label() + "意见：同意（approve）、退回修改（return）或不予通过（reject）。"));
        }
        if (!adoptionStep && decision.get() != Decision.APPROVE && comment == null) {
            return Optional.of(new Violation(Decision.COMMENT, "退回或不予通过时，请填写意见说明（comment），以便报送单位修改。"));
        }
        if (comment != null && comment.length() > 2000) {
            return Optional.of(new Violation(Decision.COMMENT, "意见说明不能超过2000字。"));
        }
        return Optional.empty();
    }

    static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
