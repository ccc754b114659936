package org.openlearning.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The sandbox runner: an internal HTTP service that runs untrusted code in gVisor ({@code runsc}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxRunnerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxRunnerApplication.class, args);
    }
}
