package org.openlearning.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openlearning.testing.TestStack;

/** A real worker process (the packaged jar), started by a test against the test's own database. */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(TestStack.Env env, String name, String... extraArgs) throws IOException {
        Path jar = Path.of("target", "worker.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run after 'package': " + jar.toAbsolutePath() + " is missing");
        }
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path log = logs.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-jar", jar.toString(), "--server.port=0",
                "--jobrunr.dashboard.enabled=false", "--jobrunr.background-job-server.poll-interval-in-seconds=5",
                "--jobrunr.background-job-server.worker-count=4", "--platform.worker.name=" + name,
                "--platform.catalog-import.work-dir=" + Files.createTempDirectory("import-" + name)));
        command.addAll(env.asArguments());
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WorkerProcess worker = new WorkerProcess(process, log);
        worker.awaitLog("Started WorkerApplication", Duration.ofSeconds(90));
        return worker;
    }

    void awaitLog(String text, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + "; log: " + tail());
            }
            sleep(200);
        }
        throw new IllegalStateException("worker did not log '" + text + "' in time; log: " + tail());
    }

    /** Whether this worker is running an FFmpeg process right now. */
    boolean runsFfmpeg() {
        return process.descendants().anyMatch(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false));
    }

    /** kill -9: no shutdown hook, no cleanup, exactly what a crash leaves behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    String tail() throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
