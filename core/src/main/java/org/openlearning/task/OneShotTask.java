package org.openlearning.task;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --platform.task=NAME} turns an application into a one-shot command: it starts (which
 * migrates the schema with Flyway), runs the task's runners, and exits. {@code migrate} has no
 * runner of its own: starting is the work.
 */
@Component
@ConditionalOnProperty("platform.task")
@Order(Ordered.LOWEST_PRECEDENCE)
class OneShotTask implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OneShotTask.class);
    private static final Set<String> TASKS = Set.of("migrate", "demo-data");

    private final ApplicationContext context;
    private final String task;

    OneShotTask(ApplicationContext context, org.springframework.core.env.Environment env) {
        this.context = context;
        this.task = env.getRequiredProperty("platform.task");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!TASKS.contains(task)) {
            log.error("unknown task '{}'; known tasks: {}", task, TASKS);
            System.exit(SpringApplication.exit(context, () -> 2));
        }
        log.info("task '{}' done", task);
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
