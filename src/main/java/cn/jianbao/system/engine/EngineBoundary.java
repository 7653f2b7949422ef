package cn.jianbao.system.engine;

import java.util.ArrayList;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The trust boundary as one engine plugin: every command a person issues passes
 * {@link TrustBoundary}, and every user task carries a {@link TaskGuard}. Camunda's REST API,
 * the webapps and our own services all reach the engine through these, so none of them is a
 * side door. The engine has no script engines at all: our models use none, and a script (or a
 * rule table's script entry) is code from whoever wrote the model.
 */
@Component
class EngineBoundary extends AbstractProcessEnginePlugin {

    private final IdentityService identity;

    /** Lazy: the identity service exists only once the engine this plugin configures is built. */
    EngineBoundary(@Lazy IdentityService identity) {
        this.identity = identity;
    }

    /** A script engine resolver that knows no language (JUEL, FEEL or JavaScript as scripts alike). */
    static final ScriptEngineResolver NO_SCRIPTS = new ScriptEngineResolver() {
        private final ScriptEngineManager none = new ScriptEngineManager(new ClassLoader(null) { });

        @Override
        public void addScriptEngineFactory(ScriptEngineFactory factory) {
            // none are taken
        }

        @Override
        public ScriptEngineManager getScriptEngineManager() {
            return none;
        }

        @Override
        public ScriptEngine getScriptEngine(String language, boolean useCache) {
            return null;
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setScriptEngineResolver(NO_SCRIPTS);
        var interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null ? new ArrayList<
                org.camunda.bpm.engine.impl.interceptor.CommandInterceptor>()
                : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new TrustBoundary());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);

        var parseListeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        parseListeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                TaskGuard guard = new TaskGuard(definition, identity);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, guard);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, guard);
            }
        });
        configuration.setCustomPreBPMNParseListeners(parseListeners);
    }
}
