package cn.jianbao.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The trust boundary refuses a command it does not know. These keep that promise true on the
 * engine and webapps on the classpath: every command class there is classified (a new Camunda or
 * Operaton version that adds one fails here, instead of the boundary quietly refusing a door
 * people use, or a reviewer adding it without thinking), and the fields the boundary reads out of
 * the commands it checks closely still exist (a renamed field fails here, not at a user's click).
 */
class CommandPolicyTest {

    private static final Set<Class<?>> COMMANDS = new java.util.LinkedHashSet<>();

    @BeforeAll
    static void scan() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                // inner and nested classes too (TaskReportImpl$TaskCountByCandidateGroupCmd)
                return definition.getMetadata().isConcrete();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Command.class));
        // the engine and the webapps (cockpit, tasklist, admin) alike
        for (BeanDefinition d : scanner.findCandidateComponents("org.camunda.bpm")) {
            Class<?> type = Class.forName(d.getBeanClassName(), false, CommandPolicyTest.class.getClassLoader());
            if (!type.isAnonymousClass() && !type.isSynthetic()) {
                COMMANDS.add(type);
            }
        }
    }

    @Test
    void everyCommandOfTheEngineAndWebappsIsClassified() {
        // the scan reached the engine and the webapps both
        assertThat(COMMANDS).contains(CompleteTaskCmd.class);
        assertThat(COMMANDS.stream().map(Class::getName)).anyMatch(n -> n.startsWith("org.camunda.bpm.cockpit.")
                || n.startsWith("org.camunda.bpm.tasklist.") || n.startsWith("org.camunda.bpm.webapp."));
        Set<String> unclassified = new TreeSet<>();
        for (Class<?> type : COMMANDS) {
            if (CommandPolicy.kindOf(type) == null) {
                unclassified.add(type.getName());
            }
        }
        assertThat(unclassified).as("engine commands the trust boundary has no rule for (add each to CommandPolicy "
                + "with the kind it is)").isEmpty();
    }

    @Test
    void whatChangesThePathIsTheApplicationsAlone() {
        for (String name : List.of("org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd",
                "org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd", "org.camunda.bpm.engine.impl.cmd.DeployCmd",
                "org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCmd", "org.camunda.bpm.engine.impl.cmd.CreateUserCmd",
                "org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd")) {
            Class<?> type = COMMANDS.stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is not on the classpath"));
            assertThat(CommandPolicy.kindOf(type)).as(name).isEqualTo(CommandPolicy.Kind.PROTECTED);
        }
        assertThat(CommandPolicy.kindOf(CompleteTaskCmd.class)).isEqualTo(CommandPolicy.Kind.WORK);
        assertThat(CommandPolicy.kindOf(StartProcessInstanceCmd.class)).isEqualTo(CommandPolicy.Kind.START);
    }

    /** A command nobody classified: refused, whatever it is called. */
    static final class SomeNewCmd implements Command<Void> {
        @Override
        public Void execute(org.camunda.bpm.engine.impl.interceptor.CommandContext commandContext) {
            return null;
        }
    }

    @Test
    void anUnknownCommandHasNoKind() {
        assertThat(CommandPolicy.kindOf(SomeNewCmd.class)).isNull();
    }

    @Test
    void theFieldsTheBoundaryReadsExist() {
        Map<String, Object> vars = Map.of("decision", "approve");
        CompleteTaskCmd complete = new CompleteTaskCmd("t1", vars);
        assertThat(CommandFields.string(complete, "taskId")).isEqualTo("t1");
        assertThat(CommandFields.map(complete, "variables")).containsEntry("decision", "approve");

        SubmitTaskFormCmd form = new SubmitTaskFormCmd("t2", vars, false, false);
        assertThat(CommandFields.string(form, "taskId")).isEqualTo("t2");
        assertThat(CommandFields.map(form, "properties")).containsEntry("decision", "approve");

        ClaimTaskCmd claim = new ClaimTaskCmd("t3", "someone");
        assertThat(CommandFields.string(claim, "taskId")).isEqualTo("t3");
        assertThat(CommandFields.string(claim, "userId")).isEqualTo("someone");

        AddCommentCmd comment = new AddCommentCmd("t4", null, "意见");
        assertThat(CommandFields.string(comment, "taskId")).isEqualTo("t4");

        SubmitStartFormCmd startForm = new SubmitStartFormCmd("submission:1:x", "bk", Variables.fromMap(vars));
        assertThat(CommandFields.string(startForm, "processDefinitionId")).isEqualTo("submission:1:x");
        assertThat(CommandFields.string(startForm, "businessKey")).isEqualTo("bk");
        assertThat(CommandFields.map(startForm, "variables")).containsEntry("decision", "approve");

        ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
                .createProcessInstanceByKey(null, "submission").businessKey("bk2");
        StartProcessInstanceCmd start = new StartProcessInstanceCmd(builder);
        assertThat(CommandFields.builder(start)).isSameAs(builder);
        builder.startBeforeActivity("published");
        assertThat(CommandFields.skipsListenersOrMappings(builder.getModificationBuilder())).isFalse();
        builder.getModificationBuilder().setSkipCustomListeners(true);
        assertThat(CommandFields.skipsListenersOrMappings(builder.getModificationBuilder())).isTrue();
    }

    @Test
    void aFieldThatIsGoneRefusesTheCommand() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandFields.string(new CompleteTaskCmd("t", Map.of()),
                "noSuchField")).isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
    }
}
