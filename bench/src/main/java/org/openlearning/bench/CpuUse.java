package org.openlearning.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the machine's CPU went between two snapshots, by kind of process (the web app on the given
 * port, the platform's workers, PostgreSQL, Redis, S3Proxy, OpenSearch, this load generator, anything else: other
 * processes sharing the machine), read from {@code /proc}. Empty off Linux.
 */
final class CpuUse {

    private static final Path PROC = Path.of("/proc");
    private static final long SELF = ProcessHandle.current().pid();
    private static final Pattern WORKER_JAR = Pattern.compile("/worker[-0-9]*\\.jar");

    /** CPU ticks used so far, by kind; {@code total} is the machine's ticks (busy and idle). */
    record Snapshot(Map<String, Long> ticks, long total) {
    }

    private CpuUse() {
    }

    static Snapshot snapshot(int webPort) {
        Map<String, Long> ticks = new TreeMap<>();
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(PROC.resolve("stat")).getFirst().trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
                for (Path dir : pids) {
                    long used = processTicks(dir);
                    if (used > 0) {
                        ticks.merge(kind(dir, webPort), used, Long::sum);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(Map.of(), 0);
        }
        return new Snapshot(ticks, total);
    }

    /** "web app 95 %, postgresql 40 %, …": each kind's share of one core, largest first. */
    static String between(Snapshot before, Snapshot after, int cores) {
        long elapsed = after.total() - before.total();
        if (elapsed <= 0) {
            return "not measured";
        }
        StringBuilder out = new StringBuilder();
        after.ticks().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.ticks().getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f %%", 100.0 * cores * e.getValue() / elapsed)));
        return out.toString();
    }

    /** utime + stime of a process (processes that come and go in between are partly missed). */
    private static long processTicks(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }

    private static String kind(Path dir, int webPort) throws IOException {
        if (dir.getFileName().toString().equals(Long.toString(SELF))) {
            return "load generator";
        }
        String cmd;
        try {
            cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "other";
        }
        if (cmd.contains("web-app.jar") && cmd.contains("--server.port=" + webPort + " ")) {
            return "web app";
        }
        if (WORKER_JAR.matcher(cmd).find() && cmd.contains("--platform.worker.name=")) {
            return "workers";
        }
        if (cmd.startsWith("postgres") || cmd.contains("/bin/postgres ")) {
            return "postgresql";
        }
        if (cmd.startsWith("redis-server")) {
            return "redis";
        }
        if (cmd.contains("s3proxy")) {
            return "s3proxy";
        }
        if (cmd.contains("org.opensearch.bootstrap.OpenSearch")) {
            return "opensearch";
        }
        return "other";
    }
}
