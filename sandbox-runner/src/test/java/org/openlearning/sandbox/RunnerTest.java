package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The runner started in the test JVM on a random port, against the real runsc, with its own work
 * directory and cgroup parent so nothing is shared with another runner on this machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RunnerTest {

    static final String SECRET = "test-secret-" + UUID.randomUUID().toString().replace("-", "");
    static final Path WORK_DIR = Path.of("/tmp", "sandbox-runner-test");
    static final String CGROUP_PARENT = "sandbox-runner-test";

    @LocalServerPort
    int port;

    RunnerClient client;

    @DynamicPropertySource
    static void runnerProperties(DynamicPropertyRegistry registry) {
        registry.add("sandbox.secret", () -> SECRET);
        registry.add("sandbox.work-dir", WORK_DIR::toString);
        registry.add("sandbox.cgroup-parent", () -> CGROUP_PARENT);
    }

    @BeforeEach
    void client() {
        client = new RunnerClient(port, SECRET);
    }

    static Map<String, Object> limits(int wallMs, int cpuMs, int memoryMb) {
        return Map.of("wall_ms", wallMs, "cpu_ms", cpuMs, "memory_mb", memoryMb, "output_kb", 64);
    }

    /** Nothing of the runner's sandboxes is left on the host: processes, runsc state, cgroups, files. */
    static void assertNothingLeftOnTheHost() throws IOException, InterruptedException {
        List<String> leftovers = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            leftovers = ProcessHandle.allProcesses()
                    .map(p -> p.info().commandLine().orElse(""))
                    .filter(line -> line.contains(WORK_DIR.toString()))
                    .toList();
            if (leftovers.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(leftovers).as("host processes of the runner's sandboxes").isEmpty();
        try (var state = Files.list(WORK_DIR.resolve("state"))) {
            assertThat(state.toList()).as("runsc state left behind").isEmpty();
        }
        try (var runs = Files.list(WORK_DIR.resolve("runs"))) {
            assertThat(runs.toList()).as("request directories left behind").isEmpty();
        }
        boolean unified = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        for (String controller : unified ? List.of("") : List.of("memory", "cpuacct", "pids")) {
            Path parent = Path.of("/sys/fs/cgroup", controller, CGROUP_PARENT);
            if (Files.isDirectory(parent)) {
                try (var children = Files.list(parent)) {
                    assertThat(children.filter(Files::isDirectory).toList()).as("sandbox cgroups left").isEmpty();
                }
            }
        }
    }

    /** MemAvailable of the host in MiB. */
    static long hostAvailableMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no MemAvailable in /proc/meminfo");
    }
}
