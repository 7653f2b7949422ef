package cn.jianbao.assessment;

import cn.jianbao.web.BadRequestException;
import java.util.ArrayList;
import java.util.Locale;
import org.camunda.bpm.dmn.engine.impl.spi.el.DmnScriptEngineResolver;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElProvider;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * The process engine's side of "rule tables are data": its DMN engine gets no JUEL (and the engine
 * no script engines, see {@code EngineBoundary}), and every DMN resource that any deployment brings
 * (ours, or one read back from the database into the engine's cache) is checked by
 * {@link RuleTableLiterals} before the engine parses it.
 */
@Component
class RuleTablesAsData extends AbstractProcessEnginePlugin {

    /** JUEL in a rule table would reach any class: there is none. */
    static final ElProvider NO_EL = expression -> {
        throw new IllegalStateException("rule tables are FEEL literals only: no JUEL");
    };

    /** Nor scripts. */
    static final DmnScriptEngineResolver NO_SCRIPTS = language -> null;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDmnElProvider(NO_EL);
        var deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<Deployer>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(deployment -> {
            for (ResourceEntity resource : deployment.getResources().values()) {
                String name = resource.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
                    try {
                        RuleTableLiterals.check(resource.getBytes());
                    } catch (BadRequestException e) {
                        throw new ProcessEngineException("Rule table " + resource.getName()
                                + " refused: not FEEL literals only. " + e.getMessage(), e);
                    }
                }
            }
        });
        configuration.setCustomPreDeployers(deployers);
    }
}
