package cn.jianbao.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Files uploaded through Tasklist forms pass through process variables for a moment (our
 * listeners store them in our own tables and remove the variables). History level full would
 * keep a copy of every such file in Camunda's history tables, outside our access rules, so
 * history events of file-typed variables are not written. Everything else is history as usual.
 */
@Component
class UploadsOutOfHistory extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // our filtered database handler replaces the default one; other plugins' handlers stay (and may be added later)
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new WithoutFiles(new DbHistoryEventHandler()));
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    static final class WithoutFiles implements HistoryEventHandler {
        private final HistoryEventHandler delegate;

        WithoutFiles(HistoryEventHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity variable && "file".equals(variable.getSerializerName())) {
                return;
            }
            delegate.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
