package cn.jianbao.system.engine;

import java.time.Clock;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.joda.time.DateTimeUtils;
import org.springframework.stereotype.Component;

/**
 * The engine on the application's clock. Camunda asks Joda's {@link DateTimeUtils} for the time
 * (its {@code ClockUtil} is a front for it): pointed at the application's {@link Clock} bean, timers,
 * due dates, task and history times and the application's own times are one time, and a test that
 * moves the application's clock moves the engine's with it. The provider is JVM-wide, as the
 * engine's clock always was; {@code ClockUtil.reset()}/{@code setCurrentTime} would replace it, so
 * nothing here or in the tests calls them.
 */
@Component
class EngineClock extends AbstractProcessEnginePlugin {

    private final Clock clock;

    EngineClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DateTimeUtils.setCurrentMillisProvider(clock::millis);
    }
}
