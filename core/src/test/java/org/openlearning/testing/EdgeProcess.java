package org.openlearning.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private video edge: the distribution's nginx with the platform's template
 * ({@code deploy/edge/nginx.conf}, {@code PLATFORM_EDGE_TEMPLATE}) on a free port, with its own cache
 * directory, in front of the given origin. Its access log tells which requests went to the origin.
 */
public final class EdgeProcess implements AutoCloseable {

    private static final Path NGINX = Path.of(env("PLATFORM_NGINX", "/usr/sbin/nginx"));
    private static final Path MODULES = Path.of(env("PLATFORM_NGINX_MODULES", "/usr/lib/nginx/modules"));
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");
    private static final Pattern ACCESS = Pattern.compile(
            "^\\S+ (\\d{3}) (\\S+) \"([^\"]*)\" cache=(\\S*) upstream=(.*) upstream_status=.*$");

    /**
     * @param origin      host:port of the S3 API
     * @param bucket      bucket of the published versions
     * @param secret      shared with the signer (letters and digits, 16 or more)
     * @param playlistTtl how long playlists stay fresh in the cache (nginx time, e.g. {@code 10s})
     */
    public record Settings(String origin, String bucket, String secret, String playlistTtl) {

        public Settings {
            if (secret == null || !secret.matches("[A-Za-z0-9]{16,}")) {
                throw new IllegalArgumentException("the edge secret must be 16 or more letters or digits");
            }
        }

        /** The platform's own settings: playlists fresh for 10 s. */
        public static Settings of(String origin, String bucket, String secret) {
            return new Settings(origin, bucket, secret, "10s");
        }

        public Settings withPlaylistTtl(String ttl) {
            return new Settings(origin, bucket, secret, ttl);
        }
    }

    /** One line of the access log. {@code upstream} is "-" when the cache answered alone. */
    public record Access(int status, String method, String uri, String cacheStatus, String upstream) {

        public boolean wentToOrigin() {
            return !"-".equals(upstream);
        }
    }

    private final Process process;
    private final int port;
    private final Path prefix;
    private final Thread onExit;

    private EdgeProcess(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
        this.onExit = ServerProcesses.stopOnExit(process);
    }

    public static EdgeProcess start(Settings settings) throws IOException, InterruptedException {
        ServerProcesses.requireExecutable(NGINX, "install the Debian package nginx (./platform services does)");
        Path purge = MODULES.resolve("ngx_http_cache_purge_module.so");
        if (!Files.isRegularFile(purge)) {
            throw new IllegalStateException(purge + " is missing: install the Debian package "
                    + "libnginx-mod-http-cache-purge (./platform services does)");
        }
        Path template = ServerProcesses.locate("PLATFORM_EDGE_TEMPLATE", "deploy/edge/nginx.conf",
                "the edge's nginx template");
        Path prefix = ServerProcesses.workDir("edge");
        for (String dir : List.of("conf", "run", "logs", "data/edge-temp")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        int port = ServerProcesses.freePort();
        Path conf = prefix.resolve("conf/nginx.conf");
        Files.writeString(conf, render(Files.readString(template, StandardCharsets.UTF_8), settings, port));
        Path log = prefix.resolve("logs/edge.log");

        List<String> nginx = List.of(NGINX.toString(), "-p", prefix + "/", "-c", conf.toString());
        List<String> test = new ArrayList<>(nginx);
        test.add("-t");
        Process check = new ProcessBuilder(test).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!check.waitFor(20, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            throw new IllegalStateException("nginx -t did not finish within 20 s");
        }
        if (check.exitValue() != 0) {
            throw new IllegalStateException("nginx -t rejects " + conf + ":\n" + ServerProcesses.tail(log));
        }

        Process process = new ProcessBuilder(nginx).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        EdgeProcess edge = new EdgeProcess(process, port, prefix);
        try {
            ServerProcesses.awaitHttp(edge.baseUrl() + "/healthz", status -> status == 200, Duration.ofSeconds(20),
                    process, log, "nginx");
        } catch (IOException | InterruptedException | RuntimeException e) {
            edge.close();
            throw e;
        }
        return edge;
    }

    static String render(String template, Settings settings, int port) {
        boolean root = "root".equals(System.getProperty("user.name"));
        Map<String, String> values = Map.of(
                "@USER_DIRECTIVE@", root ? "user root;" : "",
                "@MODULES_DIR@", MODULES.toString(),
                "@PORT@", String.valueOf(port),
                "@ORIGIN@", settings.origin(),
                "@BUCKET@", settings.bucket(),
                "@SECRET@", settings.secret(),
                "@PLAYLIST_TTL@", settings.playlistTtl());
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        Matcher left = PLACEHOLDER.matcher(text);
        if (left.find()) {
            throw new IllegalStateException("the edge template has a placeholder EdgeProcess does not fill: "
                    + left.group());
        }
        return text;
    }

    /** {@code http://127.0.0.1:<port>}: the edge base URL to sign with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The nginx prefix: {@code conf/}, {@code logs/}, {@code data/edge-cache}. */
    public Path prefix() {
        return prefix;
    }

    /** Every request logged so far (nginx writes a line once the response is sent). */
    public List<Access> accessLog() throws IOException {
        Path log = prefix.resolve("logs/edge-access.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Access> entries = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = ACCESS.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected access log line: " + line);
            }
            entries.add(new Access(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5)));
        }
        return entries;
    }

    /** Waits until {@code count} requests whose URI ends with {@code uriSuffix} are logged, and returns them. */
    public List<Access> awaitRequests(String uriSuffix, int count, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Access> matching = accessLog().stream().filter(a -> a.uri().endsWith(uriSuffix)).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                if (matching.size() < count) {
                    throw new IllegalStateException("only " + matching.size() + " of " + count + " requests for "
                            + uriSuffix + " logged within " + timeout);
                }
                return matching;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            ServerProcesses.stop(process, Duration.ofSeconds(10));
        }
        ServerProcesses.forgetOnExit(onExit);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
