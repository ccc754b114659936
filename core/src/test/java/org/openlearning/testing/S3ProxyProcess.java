package org.openlearning.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private S3Proxy (filesystem store in its own directory, free port, the platform's identity and
 * credential) for a test that must stop the object store, e.g. to see what the edge does without it.
 * The jar is the one {@code ./platform} downloads ({@code PLATFORM_S3PROXY_JAR}).
 */
public final class S3ProxyProcess implements AutoCloseable {

    public static final String IDENTITY = "platform";
    public static final String CREDENTIAL = "platform-secret";

    private final Process process;
    private final int port;
    private final Path dir;
    private final Thread onExit;

    private S3ProxyProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.onExit = ServerProcesses.stopOnExit(process);
    }

    public static S3ProxyProcess start() throws IOException, InterruptedException {
        Path jar = ServerProcesses.locate("PLATFORM_S3PROXY_JAR",
                ".platform/opt/s3proxy/s3proxy-4.1.1-jar-with-dependencies.jar", "the S3Proxy jar");
        Path dir = ServerProcesses.workDir("s3proxy");
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = ServerProcesses.freePort();
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, """
                s3proxy.endpoint=http://127.0.0.1:%d
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                s3proxy.credential=%s
                jclouds.provider=filesystem
                jclouds.identity=%s
                jclouds.credential=%s
                jclouds.filesystem.basedir=%s
                """.formatted(port, IDENTITY, CREDENTIAL, IDENTITY, CREDENTIAL, data));
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--properties", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyProcess s3 = new S3ProxyProcess(process, port, dir);
        try {
            // Anonymous requests get 403: any answer means it is serving.
            ServerProcesses.awaitHttp(s3.endpoint() + "/", status -> status > 0, Duration.ofSeconds(60), process, log,
                    "S3Proxy");
        } catch (IOException | InterruptedException | RuntimeException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /** {@code http://127.0.0.1:<port>}, for S3 clients. */
    public String endpoint() {
        return "http://" + hostPort();
    }

    /** {@code 127.0.0.1:<port>}, for the edge's origin. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** kill -9: the object store is gone, connections are refused from now on. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("S3Proxy (pid " + process.pid() + ") did not die after SIGKILL");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            ServerProcesses.stop(process, Duration.ofSeconds(10));
        }
        ServerProcesses.forgetOnExit(onExit);
    }
}
