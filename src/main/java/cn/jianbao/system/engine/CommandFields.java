package cn.jianbao.system.engine;

import java.lang.reflect.Field;
import java.util.Map;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;

/**
 * Reads what a command carries (its task id, its variables, its start builder). The engine keeps
 * these in protected fields without getters; a renamed field fails {@code CommandPolicyTest} and,
 * at runtime, refuses the command rather than letting it through unchecked.
 */
final class CommandFields {

    private CommandFields() {
    }

    static String string(Object command, String field) {
        return (String) get(command, field);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object command, String field) {
        Map<String, Object> m = (Map<String, Object>) get(command, field);
        return m == null ? Map.of() : m;
    }

    static ProcessInstantiationBuilderImpl builder(Object startCommand) {
        return (ProcessInstantiationBuilderImpl) get(startCommand, "instantiationBuilder");
    }

    static boolean skipsListenersOrMappings(ProcessInstanceModificationBuilderImpl modification) {
        return modification != null && (Boolean.TRUE.equals(get(modification, "skipCustomListeners"))
                || Boolean.TRUE.equals(get(modification, "skipIoMappings")));
    }

    static Object get(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The engine command " + target.getClass().getName() + " has no field '" + name
                + "': the engine boundary cannot check it, so it is refused");
    }
}
