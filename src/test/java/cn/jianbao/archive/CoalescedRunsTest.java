package cn.jianbao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The archive's wake-up on Spring's executor: a burst coalesces, nothing asked is left unrun. */
class CoalescedRunsTest {

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    CoalescedRunsTest() {
        executor.setCorePoolSize(2); // as the application's: two threads, so runs could overlap if let
        executor.initialize();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void askedOftenWhileRunningItRunsOnceMoreAndNeverTwiceAtOnce() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CoalescedRuns wake = new CoalescedRuns("test", executor, () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (runs.incrementAndGet() == 1) {
                    release.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        });
        wake.ask();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        for (int i = 0; i < 100; i++) {
            wake.ask(); // a burst of publications while the first drain runs
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2 && running.get() == 0);
        // and nothing else is on its way
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        assertThat(mostAtOnce).hasValue(1);

        wake.ask(); // asked again after it went idle: it runs again
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 3);
    }

    @Test
    void aRunThatFailsDoesNotStopTheNextAsk() {
        AtomicInteger runs = new AtomicInteger();
        CoalescedRuns wake = new CoalescedRuns("test", executor, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("Elasticsearch away");
            }
        });
        wake.ask();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            wake.ask();
            assertThat(runs.get()).isGreaterThanOrEqualTo(2);
        });
    }
}
