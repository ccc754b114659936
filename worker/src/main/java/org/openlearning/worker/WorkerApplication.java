package org.openlearning.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The worker: runs every job module's JobRunr jobs, Spring Batch jobs and the clustered Quartz
 * scheduler, and serves the JobRunr dashboard. Run as many as the queues need.
 */
@SpringBootApplication(scanBasePackages = "org.openlearning")
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
