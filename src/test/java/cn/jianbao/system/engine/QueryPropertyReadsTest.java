package cn.jianbao.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.ibatis.ognl.AbstractMemberAccess;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.Ognl;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.db.TenantCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's mapping expressions read exactly what OGNL's own accessor reads. */
class QueryPropertyReadsTest {

    private static final AbstractMemberAccess ANY = new AbstractMemberAccess() {
        @Override
        public boolean isAccessible(OgnlContext context, Object target, Member member, String propertyName) {
            return true;
        }
    };

    @BeforeAll
    static void install() {
        new QueryPropertyReads().preInit(null);
    }

    @Test
    void installedForTheEnginesQueryObjects() throws Exception {
        assertThat(OgnlRuntime.getPropertyAccessor(TaskQueryImpl.class)).isSameAs(QueryPropertyReads.ACCESSOR);
        assertThat(OgnlRuntime.getPropertyAccessor(AuthorizationCheck.class)).isSameAs(QueryPropertyReads.ACCESSOR);
        // maps and lists keep OGNL's own accessors (keys, size, indexes)
        assertThat(OgnlRuntime.getPropertyAccessor(java.util.ArrayList.class)).isNotSameAs(QueryPropertyReads.ACCESSOR);
        assertThat(OgnlRuntime.getPropertyAccessor(java.util.HashMap.class)).isNotSameAs(QueryPropertyReads.ACCESSOR);
    }

    /** Every no-argument method name and property of the query objects: the same value both ways. */
    @Test
    void readsWhatOgnlReads() throws Exception {
        AuthorizationCheck check = new AuthorizationCheck("someone", List.of("a-group"), null, true);
        check.setShouldPerformAuthorizatioCheck(true);
        TenantCheck tenants = new TenantCheck();
        tenants.setTenantCheckEnabled(true);
        tenants.setAuthTenantIds(List.of("t1"));
        TaskQueryImpl tasks = new TaskQueryImpl();
        tasks.processInstanceId("pi-1").taskDefinitionKey("leaderApproval").taskCandidateGroup("huangjiang-leaders");
        HistoricProcessInstanceQueryImpl history = new HistoricProcessInstanceQueryImpl();
        history.processInstanceBusinessKey("bk").finished();
        ListQueryParameterObject parameter = new ListQueryParameterObject("pi-1", 0, 10);

        ObjectPropertyAccessor ognlOwn = new ObjectPropertyAccessor();
        int compared = 0;
        for (Object target : List.of(check, tenants, tasks, history, parameter)) {
            OgnlContext context = Ognl.createDefaultContext(target, ANY);
            for (Method m : target.getClass().getMethods()) {
                if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class
                        || m.getDeclaringClass() == Object.class || m.getName().equals("hashCode")
                        // the fluent builder methods (or(), finished(), …): they change the query
                        || m.getReturnType().isAssignableFrom(target.getClass())) {
                    continue;
                }
                for (String name : List.of(m.getName(), property(m.getName()))) {
                    Object expected = value(() -> ognlOwn.getPossibleProperty(context, target, name));
                    // twice: the first finds the method, the second uses the one remembered
                    for (int i = 0; i < 2; i++) {
                        assertThat(value(() -> QueryPropertyReads.ACCESSOR.getPossibleProperty(context, target, name)))
                                .as("%s.%s", target.getClass().getSimpleName(), name).isEqualTo(expected);
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
        // the method is remembered, the value read each time
        check.setShouldPerformAuthorizatioCheck(false);
        assertThat(OgnlCache.getValue("shouldPerformAuthorizatioCheck", check)).isEqualTo(false);
        assertThat(OgnlCache.getValue("authGroupIds.size", check)).isEqualTo(1);
        tenants.setTenantCheckEnabled(false);
        assertThat(OgnlCache.getValue("isTenantCheckEnabled", tenants)).isEqualTo(false);
        assertThat(OgnlCache.getValue("processInstanceId != null and key == 'leaderApproval'", tasks)).isEqualTo(true);
    }

    interface Read {
        Object get() throws Exception;
    }

    /** The value, or the kind of failure (a property neither way can read fails alike). */
    private static Object value(Read read) {
        try {
            Object v = read.get();
            if (v == OgnlRuntime.NotFound) {
                return "NotFound";
            }
            // values the mappings test; anything else made afresh per call is compared by its kind
            return v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                    || v instanceof Enum<?> || v instanceof java.util.Collection<?> || v instanceof java.util.Date
                    || v instanceof java.util.Map<?, ?> ? v : v.getClass();
        } catch (Exception e) {
            return e.getClass();
        }
    }

    private static String property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.startsWith(prefix) && method.length() > prefix.length()) {
                return Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1);
            }
        }
        return method;
    }
}
