package cn.jianbao.quota;

import cn.jianbao.directory.Role;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of the 催报 process, one bean each, named after the task. They read only the
 * variables the process was started with by our service (day, onlyUnit, the element's unitCode).
 */
@Configuration
public class ReminderSteps {

    /**
     * 找出未完成定额的单位: also the multi-instance collection, recomputed from our tables (public:
     * the engine's expression language calls {@link #units}).
     */
    public static class SelectQuotaReminders implements JavaDelegate {
        private final QuotaReminders reminders;

        SelectQuotaReminders(QuotaReminders reminders) {
            this.reminders = reminders;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable("unitCount", units(execution).size());
        }

        public List<String> units(DelegateExecution execution) {
            return reminders.shortfalls(day(execution), within(execution), (String) execution.getVariable("onlyUnit")).stream()
                    .map(Quotas.Shortfall::unitCode).distinct().toList();
        }
    }

    @Bean
    SelectQuotaReminders selectQuotaReminders(QuotaReminders reminders) {
        return new SelectQuotaReminders(reminders);
    }

    /** 提醒信息联络员. */
    @Bean
    JavaDelegate remindLiaisons(QuotaReminders reminders) {
        return execution -> reminders.remind((String) execution.getVariable("unitCode"), day(execution), within(execution), Role.LIAISON,
                (String) execution.getVariable("requestedBy"), execution.getProcessInstanceId());
    }

    /** 核对报送情况: still short on the same windows? */
    @Bean
    JavaDelegate checkQuota(QuotaReminders reminders) {
        return execution -> execution.setVariableLocal("stillShort",
                !reminders.shortfalls(day(execution), within(execution), (String) execution.getVariable("unitCode")).isEmpty());
    }

    /** 提醒主管领导. */
    @Bean
    JavaDelegate remindLeader(QuotaReminders reminders) {
        return execution -> reminders.remind((String) execution.getVariable("unitCode"), day(execution), within(execution), Role.LEADER,
                (String) execution.getVariable("requestedBy"), execution.getProcessInstanceId());
    }

    static int within(DelegateExecution execution) {
        return ((Number) execution.getVariable("withinDays")).intValue();
    }

    static LocalDate day(DelegateExecution execution) {
        return LocalDate.parse((String) execution.getVariable("day"));
    }
}
