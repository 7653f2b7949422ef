package cn.jianbao.system;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Spring's executor for background work: the after-commit listeners ({@code @ApplicationModuleListener},
 * the printing of issues) and what a module hands off. Camunda's job executor brings a
 * {@code TaskExecutor} of its own, and Spring Boot then makes none — so {@code @Async} would start a
 * thread per task. This one is built as Spring Boot would build it ({@code spring.task.execution.*}).
 */
@Configuration(proxyBeanMethods = false)
class TaskExecution {

    /** By these names {@code @Async} finds it among Camunda's executor and the scheduler. */
    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.build();
    }
}
