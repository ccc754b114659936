package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The runner refuses to start, saying why, without runsc or without a secret: never an unsandboxed fallback. */
class StartupTest {

    private static final Path WORK_DIR = Path.of("/tmp", "sandbox-runner-startup-test");

    @Test
    void refusesToStartWithoutRunsc() {
        assertThatThrownBy(() -> start("--sandbox.runsc=/nonexistent/runsc", "--sandbox.secret=0123456789abcdef0123"))
                .hasStackTraceContaining("runsc not found at /nonexistent/runsc");
    }

    @Test
    void refusesToStartWhenRunscDoesNotRun() throws Exception {
        Path fake = Files.createTempFile("runsc", ".sh");
        Files.writeString(fake, "#!/bin/sh\nexit 3\n");
        fake.toFile().setExecutable(true);
        try {
            assertThatThrownBy(() -> start("--sandbox.runsc=" + fake, "--sandbox.secret=0123456789abcdef0123"))
                    .hasStackTraceContaining("--version failed (exit 3)");
        } finally {
            Files.delete(fake);
        }
    }

    @Test
    void refusesToStartWithoutASecret() {
        assertThatThrownBy(() -> start()).hasStackTraceContaining("no shared secret");
        assertThatThrownBy(() -> start("--sandbox.secret=short")).hasStackTraceContaining("at least 16 characters");
    }

    @Test
    void refusesToStartWithAnUnreadableSecretFile() {
        assertThatThrownBy(() -> start("--sandbox.secret-file=/nonexistent/secret"))
                .hasStackTraceContaining("cannot be read");
    }

    @Test
    void startsWithASecretFile() throws Exception {
        Path secret = Files.createTempFile("sandbox", ".secret");
        Files.writeString(secret, "  0123456789abcdef0123\n");
        try (var context = start("--sandbox.secret-file=" + secret)) {
            assertThat(context.isRunning()).isTrue();
        } finally {
            Files.delete(secret);
        }
    }

    private static org.springframework.context.ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--sandbox.work-dir=" + WORK_DIR;
        all[2] = "--sandbox.cgroup-parent=sandbox-runner-startup-test";
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(SandboxRunnerApplication.class).run(all);
    }
}
