package org.openlearning.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openlearning.testing.TestStack;

/**
 * A packaged application (the web app or a worker) run as a process against a test's database,
 * bucket and key prefix but a Redis of its own. {@code AppProcess} cannot do this: it always passes
 * the shared Redis's URL, and Spring joins a repeated command-line option with a comma instead of
 * letting the last one win. Output goes to {@code target/it-logs/<name>.log}.
 */
final class OwnRedisApp implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final String name;
    private final String startedLine;

    private OwnRedisApp(Process process, Path log, int port, String name, String startedLine) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.name = name;
        this.startedLine = startedLine;
    }

    /** Launches the web app; {@link #awaitStarted} waits for it. */
    static OwnRedisApp web(TestStack.Env env, String redisUrl, String name, String... extraArgs) throws IOException {
        return launch(Path.of("..", "web-app", "target", "web-app.jar"), name, "Started WebApplication", env, redisUrl,
                List.of(extraArgs));
    }

    /** Launches a worker with {@code WorkerProcess}'s settings; {@link #awaitStarted} waits for it. */
    static OwnRedisApp worker(TestStack.Env env, String redisUrl, String name, String... extraArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--jobrunr.dashboard.enabled=false",
                "--jobrunr.background-job-server.poll-interval-in-seconds=5",
                "--jobrunr.background-job-server.worker-count=4", "--platform.worker.name=" + name,
                "--platform.catalog-import.work-dir=" + Files.createTempDirectory("import-" + name)));
        args.addAll(List.of(extraArgs));
        return launch(Path.of("target", "worker.jar"), name, "Started WorkerApplication", env, redisUrl, args);
    }

    private static OwnRedisApp launch(Path jar, String name, String startedLine, TestStack.Env env, String redisUrl,
            List<String> args) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run after 'package': " + jar.toAbsolutePath() + " is missing");
        }
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-jar", jar.toString(),
                "--server.port=" + port));
        for (String arg : env.asArguments()) {
            if (!arg.startsWith("--platform.redis.url=")) {
                command.add(arg);
            }
        }
        command.add("--platform.redis.url=" + redisUrl);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new OwnRedisApp(process, log, port, name, startedLine);
    }

    /** Waits until the application logs that it started; fails early when it exits. */
    OwnRedisApp awaitStarted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(startedLine)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not log '" + startedLine + "' within " + timeout + "; log: "
                + tail());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    String tail() throws IOException {
        String text = logText();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
