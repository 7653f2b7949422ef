package cn.jianbao.assessment;

import cn.jianbao.process.Decision;
import cn.jianbao.web.OfficeTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "计算采用积分" in submission.bpmn: the adoption table in the version in force today (the
 * points shown with the item; the ledger credits them at publication, by that day's version).
 */
@Component("determinePoints")
class DeterminePoints implements JavaDelegate {

    private final RuleBook rules;
    private final OfficeTime time;

    DeterminePoints(RuleBook rules, OfficeTime time) {
        this.rules = rules;
        this.time = time;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String adoption = (String) execution.getVariable(Decision.ADOPTION_VARIABLE);
        RuleBook.Answer answer = rules.evaluate(RuleTable.ADOPTION, adoption, time.today());
        execution.setVariable("points", answer.value());
    }
}
