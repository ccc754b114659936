package org.openlearning.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packaged application (a Spring Boot jar: the web app, a worker) run as its own process by a
 * test, against the test's database, bucket and key prefix; its output goes to
 * {@code target/it-logs/<name>.log}.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final String name;

    private AppProcess(Process process, Path log, int port, String name) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.name = name;
    }

    /**
     * Starts {@code jar} on a free port and waits until it logs {@code startedLine}.
     *
     * @param jvmOptions options before {@code -jar} (heap size …)
     * @param args       application arguments after the environment's
     */
    public static AppProcess start(Path jar, String name, String startedLine, TestStack.Env env,
            List<String> jvmOptions, List<String> args) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run after 'package': " + jar.toAbsolutePath() + " is missing");
        }
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(env.asArguments());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess app = new AppProcess(process, log, port, name);
        app.awaitLog(startedLine, Duration.ofSeconds(120));
        return app;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether one of this process's children runs {@code command} (e.g. ffmpeg) right now. */
    public boolean runsChild(String command) {
        return process.descendants().anyMatch(p -> p.info().command().map(c -> c.endsWith(command)).orElse(false));
    }

    public void awaitLog(String text, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " did not log '" + text + "' in time; log: " + tail());
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    public String tail() throws IOException {
        String text = logText();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /** kill -9: no shutdown hook, no cleanup, exactly what a crash leaves behind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
