package cn.jianbao.directory;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jianbao.testing.JianbaoIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two nodes started together both run the administrator's bootstrap against one database (found by
 * the production rehearsal: one node failed to start with an optimistic locking error on the office's
 * engine authorizations). Here two bootstraps run at the same instant, several times: every one ends
 * well, because {@link StartupLock} lets one node at a time do it.
 */
@JianbaoIntegrationTest
class StartupLockTest {

    @Autowired DirectoryAdmin directory;
    @Autowired StartupLock startup;
    @Autowired Directory units;

    @Test
    void twoNodesBootstrappingAtOnceBothStart() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> runs = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    AdminBootstrap bootstrap = new AdminBootstrap(directory, startup, "Office#Rehearsal" + round, "office", "扫黑办");
                    runs.add(nodes.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        bootstrap.run(null);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS); // throws what a node's start would have failed with
                }
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(units.units()).filteredOn(u -> u.code().equals("office")).hasSize(1);
        assertThat(units.details("admin")).isPresent();
    }
}
