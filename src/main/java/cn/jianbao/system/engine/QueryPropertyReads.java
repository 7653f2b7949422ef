package cn.jianbao.system.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's SQL is built per query by MyBatis, whose OGNL reads each property a mapping tests
 * ({@code authCheck.shouldPerformAuthorizatioCheck}, {@code tenantCheck.isTenantCheckEnabled}, …).
 * A property with no bean getter is looked up again on every read, through all the class's public
 * methods ({@code OgnlRuntime.getReadMethod}, uncached): a tenth of the engine's CPU in the
 * full-path benchmark's profile. This reads the same method OGNL would pick, found once per class
 * and name. Everything else (fields, access checks, a property not found) stays OGNL's own.
 */
@Component
class QueryPropertyReads extends AbstractProcessEnginePlugin {

    /** OGNL's accessor for plain objects, with the method behind each property remembered. */
    static final class Accessor extends ObjectPropertyAccessor {

        private final ConcurrentMap<Class<?>, ConcurrentMap<String, Optional<Method>>> methods = new ConcurrentHashMap<>();

        @Override
        public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
            Optional<Method> method = methods.computeIfAbsent(target.getClass(), c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(name, n -> Optional.ofNullable(readMethod(target.getClass(), n)));
            if (method.isEmpty() || !context.getMemberAccess().isAccessible(context, target, method.get(), name)) {
                return super.getPossibleProperty(context, target, name);
            }
            try {
                return OgnlRuntime.invokeMethod(target, method.get(), new Object[0]);
            } catch (InvocationTargetException e) {
                throw new OgnlException(name, e.getTargetException());
            } catch (IllegalAccessException e) {
                throw new OgnlException(name, e);
            }
        }

        /** As {@code OgnlRuntime.getMethodValue} chooses: the bean getter, else a method read by the name. */
        private static Method readMethod(Class<?> type, String name) {
            Method getter = OgnlRuntime.getGetMethod(type, name);
            return getter != null ? getter : OgnlRuntime.getReadMethod(type, name, null);
        }
    }

    static final Accessor ACCESSOR = new Accessor();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // global to MyBatis in this JVM (the engine is its only user here); Map, List and the like keep theirs
        OgnlRuntime.setPropertyAccessor(Object.class, ACCESSOR);
    }
}
