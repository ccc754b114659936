package org.openlearning.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The web app: server-rendered pages and the JSON API. It writes intent records and enqueues jobs
 * through core's contracts; it runs no job itself and keeps no state of its own.
 */
@SpringBootApplication(scanBasePackages = "org.openlearning")
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
