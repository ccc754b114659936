package org.openlearning.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real sandbox runner (the packaged {@code sandbox-runner} jar, running code in runsc) as its own
 * process for a test: a free port, a fresh secret in a file, its own work directory and cgroup parent,
 * and a pool of the size the test asks for. Output goes to {@code target/it-logs/<name>.log}.
 */
public final class SandboxProcess implements AutoCloseable {

    private static final Pattern MAX_ACTIVE = Pattern.compile("\"max_active\"\\s*:\\s*(\\d+)");
    private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Thread hook;
    private final int port;
    private final Path secretFile;
    private final String secret;
    private final Path workDir;
    private final String cgroupParent;
    private final Path log;

    private SandboxProcess(Process process, Thread hook, int port, Path secretFile, String secret, Path workDir,
            String cgroupParent, Path log) {
        this.process = process;
        this.hook = hook;
        this.port = port;
        this.secretFile = secretFile;
        this.secret = secret;
        this.workDir = workDir;
        this.cgroupParent = cgroupParent;
        this.log = log;
    }

    /** Starts the runner with {@code poolSize} sandboxes at once and {@code queueCapacity} requests waiting. */
    public static SandboxProcess start(String name, int poolSize, int queueCapacity) throws IOException,
            InterruptedException {
        Path jar = ServerProcesses.locate("PLATFORM_SANDBOX_JAR", "sandbox-runner/target/sandbox-runner.jar",
                "the sandbox runner's jar (mvn -pl sandbox-runner package)");
        ServerProcesses.requireExecutable(Path.of("/usr/bin/runsc"), "install the distribution's runsc package");
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // runsc wants a short, plain path for its state; the directory goes when the runner is closed
        Path workDir = Files.createDirectories(Path.of("/tmp", "sandbox-test-" + tag));
        String secret = "test-" + UUID.randomUUID().toString().replace("-", "");
        Path secretFile = workDir.resolve("secret");
        Files.writeString(secretFile, secret + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        String cgroupParent = "sandbox-test-" + tag;
        int port = ServerProcesses.freePort();
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--sandbox.secret-file=" + secretFile,
                "--sandbox.work-dir=" + workDir.resolve("work"), "--sandbox.pool-size=" + poolSize,
                "--sandbox.queue-capacity=" + queueCapacity, "--sandbox.cgroup-parent=" + cgroupParent,
                "--sandbox.retry-after=1s"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread hook = ServerProcesses.stopOnExit(process);
        SandboxProcess runner = new SandboxProcess(process, hook, port, secretFile, secret, workDir, cgroupParent,
                log);
        try {
            ServerProcesses.awaitHttp(runner.url() + "/health", s -> s == 200, Duration.ofSeconds(120), process, log,
                    "the sandbox runner");
        } catch (IOException | RuntimeException | InterruptedException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String secret() {
        return secret;
    }

    public Path secretFile() {
        return secretFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The runner's {@code GET /health} body. */
    public String health() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("runner health answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The most requests the runner ever ran at once (pool.max_active of /health). */
    public int maxActive() throws IOException, InterruptedException {
        return number(MAX_ACTIVE, health());
    }

    /** Requests running sandboxes now. */
    public int active() throws IOException, InterruptedException {
        return number(ACTIVE, health());
    }

    /** How many requests the runner answered 429 (from its Prometheus metrics). */
    public double rejected() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith("sandbox_runs_rejected_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no sandbox_runs_rejected_total in the runner's metrics: " + r.statusCode());
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    private static boolean mountedUnder(Path dir) {
        try {
            String prefix = dir.toRealPath().toString() + "/";
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" "))
                    .anyMatch(f -> f.length > 1 && (f[1] + "/").startsWith(prefix));
        } catch (IOException e) {
            return true;
        }
    }

    private static int number(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("not in the runner's health: " + pattern + " / " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        ServerProcesses.stop(process, Duration.ofSeconds(25));
        ServerProcesses.forgetOnExit(hook);
        for (String controller : List.of("memory", "cpuacct", "pids", "cpu")) {
            try {
                Files.deleteIfExists(Path.of("/sys/fs/cgroup", controller, cgroupParent));
            } catch (IOException | SecurityException ignored) {
                // not there, or not empty: nothing of ours to remove
            }
        }
        if (mountedUnder(workDir)) {
            return; // never walk into a mount (a host directory): leave the folder for a look instead
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover under /tmp harms nobody
        }
    }
}
