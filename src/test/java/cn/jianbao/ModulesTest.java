package cn.jianbao;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a module (see the README's code map): no cycles between them, and
 * none reaches into another's sub-packages. Fails when a change breaks either.
 */
class ModulesTest {

    @Test
    void modulesHaveNoCyclesAndUseEachOthersPublicTypesOnly() {
        ApplicationModules.of(JianbaoApplication.class).verify();
    }
}
