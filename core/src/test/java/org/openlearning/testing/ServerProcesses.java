package org.openlearning.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** What the helpers that run a real server process for a test have in common. */
final class ServerProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private ServerProcesses() {
    }

    /** A port nobody listens on right now (the server binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A fresh directory under the module's {@code target/}, left in place for a look after a failure. */
    static Path workDir(String name) throws IOException {
        Path target = Files.createDirectories(Path.of("target", "it-servers").toAbsolutePath());
        return Files.createTempDirectory(target, name + "-");
    }

    /**
     * A file the test needs: from the environment variable that {@code ./platform test} sets, else the
     * first {@code relative} found walking up from the working directory (a module of the checkout).
     */
    static Path locate(String envName, String relative, String what) {
        String fromEnv = System.getenv(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path path = Path.of(fromEnv);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(envName + "=" + fromEnv + " is not a file (" + what + ")");
            }
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(what + " not found: set " + envName + " or run the tests with ./platform test");
    }

    static void requireExecutable(Path file, String hint) {
        if (!Files.isExecutable(file)) {
            throw new IllegalStateException(file + " is missing or not executable: " + hint);
        }
    }

    /** Polls {@code url} until its status passes {@code ready}; fails early when the process exits. */
    static void awaitHttp(String url, IntPredicate ready, Duration timeout, Process process, Path log, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + "; log:\n" + tail(log));
            }
            try {
                int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (ready.test(status)) {
                    return;
                }
                last = "status " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not answer " + url + " within " + timeout + " (" + last
                + "); log:\n" + tail(log));
    }

    /**
     * Kills the process (and its children) when the test JVM exits, in case no test closes it; returns
     * the hook for {@link #forgetOnExit}.
     */
    static Thread stopOnExit(Process process) {
        Thread hook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void forgetOnExit(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** SIGTERM, then SIGKILL for the process and its children if it is still there after {@code grace}. */
    static void stop(Process process, Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The last few thousand characters of a log, for failure messages. */
    static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
