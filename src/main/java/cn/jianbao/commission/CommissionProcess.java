package cn.jianbao.commission;

import cn.jianbao.directory.Groups;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/commission.bpmn, each a bean named after its step; the units, their
 * status and the task's candidates are read from our tables by the commission's id (the business
 * key), never from variables a client could have sent.
 */
@Configuration
public class CommissionProcess {

    /** Expressions of the model: the units asked, the liaisons of one, how it answered (public: the EL calls these). */
    public static class Expressions {
        private final Commissions commissions;

        Expressions(Commissions commissions) {
            this.commissions = commissions;
        }

        public List<String> units(DelegateExecution execution) {
            return commissions.units(id(execution));
        }

        public String liaisonsOf(DelegateExecution execution) {
            return Groups.liaisons(unit(execution, commissions));
        }

        public boolean declined(DelegateExecution execution) {
            return "declined".equals(commissions.status(id(execution), unit(execution, commissions)));
        }
    }

    @Bean
    Expressions commissionSteps(Commissions commissions) {
        return new Expressions(commissions);
    }

    /** The unit's liaisons hear of the commission as their task is created. */
    @Bean
    TaskListener commissionTaskCreated(Commissions commissions) {
        return task -> commissions.asked(id(task.getExecution()), unit(task.getExecution(), commissions));
    }

    /** People end the task by answering or declining (our service does it then): a bare completion is refused. */
    @Bean
    TaskListener commissionTaskCompleted(Commissions commissions) {
        return task -> {
            String status = commissions.status(id(task.getExecution()), unit(task.getExecution(), commissions));
            if (!status.equals("answered") && !status.equals("declined")) {
                throw new cn.jianbao.web.ConflictException("请报送一条注明该约稿的信息，或在约稿页面说明理由后谢绝；"
                        + "此待办随答复自动完成。");
            }
        };
    }

    @Bean
    JavaDelegate remindCommissionedUnit(Commissions commissions) {
        return execution -> commissions.remind(id(execution), unit(execution, commissions));
    }

    @Bean
    JavaDelegate recordCommissionOverdue(Commissions commissions) {
        return execution -> commissions.overdue(id(execution), unit(execution, commissions));
    }

    static UUID id(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }

    /** The element variable, checked against the commission's units in our table. */
    static String unit(DelegateExecution execution, Commissions commissions) {
        String unit = (String) execution.getVariable("unitCode");
        if (unit == null || !commissions.units(id(execution)).contains(unit)) {
            throw new IllegalStateException("unit " + unit + " was not asked by commission " + execution.getProcessBusinessKey());
        }
        return unit;
    }
}
