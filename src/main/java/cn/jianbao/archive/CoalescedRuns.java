package cn.jianbao.archive;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;

/**
 * A piece of work run on a shared executor when asked, one run at a time and one more at most: asks
 * that come while it runs make one further run, not one each (a burst of publications, one drain).
 */
final class CoalescedRuns {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CoalescedRuns.class);

    private final String name;
    private final TaskExecutor executor;
    private final Runnable work;
    /** 0 idle, 1 running (or queued), 2 running and asked again meanwhile. */
    private final AtomicInteger asked = new AtomicInteger();

    CoalescedRuns(String name, TaskExecutor executor, Runnable work) {
        this.name = name;
        this.executor = executor;
        this.work = work;
    }

    void ask() {
        if (asked.getAndUpdate(n -> Math.min(n + 1, 2)) == 0) {
            try {
                executor.execute(this::runWhileAsked);
            } catch (TaskRejectedException stopping) {
                asked.set(0); // the executor is shutting down: whoever polls picks the work up
            }
        }
    }

    private void runWhileAsked() {
        try {
            do {
                work.run();
            } while (asked.decrementAndGet() > 0);
        } catch (RuntimeException e) {
            asked.set(0);
            log.warn("{} failed (the next poll takes it up): {}", name, e.toString());
        }
    }
}
