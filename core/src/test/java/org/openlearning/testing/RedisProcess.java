package org.openlearning.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Redis (the distribution's {@code redis-server}) on a free port with its own data
 * directory, for a test that must take Redis away and bring it back. It persists like the platform's:
 * an append-only file synced every second, no snapshots. {@link #stop()} shuts it down gracefully
 * (SIGTERM: the AOF is synced), {@link #kill()} crashes it (up to a second of writes lost), and
 * {@link #start()} brings it back on the same port and directory, replaying the AOF.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Path REDIS_SERVER = Path.of(env("PLATFORM_REDIS_SERVER", "/usr/bin/redis-server"));
    private static final Duration READY = Duration.ofSeconds(20);
    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final Path dir;
    private final Path log;
    private Process process;
    private Thread onExit;

    private RedisProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
        this.log = dir.resolve("redis.log");
    }

    /** A new, empty Redis on a free port, answering PING. */
    public static RedisProcess create() throws IOException, InterruptedException {
        ServerProcesses.requireExecutable(REDIS_SERVER, "install the Debian package redis-server");
        RedisProcess redis = new RedisProcess(ServerProcesses.freePort(), Files.createTempDirectory("redis-"));
        try {
            redis.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** Starts the server (again) on its port and directory and waits until it answers PING. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is already running");
        }
        List<String> command = List.of(REDIS_SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--daemonize", "no", "--dir", dir.toString(),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--logfile", "");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        forgetHook();
        onExit = ServerProcesses.stopOnExit(process);
        awaitPong();
    }

    /** Graceful shutdown (SIGTERM: Redis syncs its AOF and exits); waits until the process is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Redis (pid " + process.pid() + ") did not shut down within 10 s; log:\n"
                    + ServerProcesses.tail(log));
        }
    }

    /** kill -9: whatever was written in the last second may be lost, connections are refused. */
    public synchronized void kill() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Redis (pid " + process.pid() + ") did not die after SIGKILL");
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code platform.redis.url}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The data directory: the AOF ({@code appendonlydir/}) and {@code redis.log}. */
    public Path dir() {
        return dir;
    }

    public String logTail() {
        return ServerProcesses.tail(log);
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() throws InterruptedException {
        try {
            if (process != null && process.isAlive()) {
                ServerProcesses.stop(process, Duration.ofSeconds(10));
            }
        } finally {
            forgetHook();
            deleteDir();
        }
    }

    private void awaitPong() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; log:\n"
                        + ServerProcesses.tail(log));
            }
            try {
                last = ping();
                if (last.equals("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Redis on port " + port + " did not answer PING within " + READY + " ("
                + last + "); log:\n" + ServerProcesses.tail(log));
    }

    /** One PING over a fresh connection; the reply line ({@code -LOADING ...} while the AOF is replayed). */
    private String ping() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(PING);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\r' && line.length() < 200; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    private void forgetHook() {
        if (onExit != null) {
            ServerProcesses.forgetOnExit(onExit);
            onExit = null;
        }
    }

    private void deleteDir() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete Redis directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
