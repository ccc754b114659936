package org.openlearning.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox bench's baseline: {@code runsc run} of a minimal OCI bundle made here (read-only
 * rootfs with the host's /usr, the program in a read-only bind mount, a tmpfs /tmp, no network, a
 * memory limit), the same program the runner runs, without the runner around it.
 */
final class BareRunsc implements AutoCloseable {

    private static final String RUNSC = "/usr/bin/runsc";

    private final Path dir;
    private final Path bundle;
    private final Path state;

    BareRunsc(String python, String program) throws IOException {
        dir = Files.createTempDirectory("sandbox-bench-");
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        for (String name : List.of("bin", "lib", "lib64", "sbin")) {
            Path host = Path.of("/", name);
            if (Files.isSymbolicLink(host)) {
                Files.createSymbolicLink(rootfs.resolve(name), Files.readSymbolicLink(host));
            }
        }
        for (String name : List.of("usr", "proc", "dev", "tmp", "box", "etc")) {
            Files.createDirectories(rootfs.resolve(name));
        }
        Files.copy(Path.of("/etc/ld.so.cache"), rootfs.resolve("etc/ld.so.cache"));
        Path box = Files.createDirectories(dir.resolve("box"));
        Files.writeString(box.resolve("main.py"), program);
        bundle = Files.createDirectories(dir.resolve("bundle"));
        state = Files.createDirectories(dir.resolve("state"));
        Map<String, Object> spec = Map.of(
                "ociVersion", "1.0.0",
                "process", Map.of("terminal", false, "user", Map.of("uid", 65534, "gid", 65534),
                        "args", List.of(python, "/box/main.py"), "env", List.of("PATH=/usr/bin:/bin", "HOME=/tmp"),
                        "cwd", "/tmp", "noNewPrivileges", true),
                "root", Map.of("path", rootfs.toString(), "readonly", true),
                "mounts", List.of(
                        Map.of("destination", "/proc", "type", "proc", "source", "proc"),
                        bind("/usr", "/usr"),
                        bind("/box", box.toString()),
                        Map.of("destination", "/tmp", "type", "tmpfs", "source", "tmpfs",
                                "options", List.of("nosuid", "nodev", "size=16384k"))),
                "linux", Map.of("namespaces", List.of(Map.of("type", "pid"), Map.of("type", "network"),
                                Map.of("type", "ipc"), Map.of("type", "uts"), Map.of("type", "mount")),
                        "resources", Map.of("memory", Map.of("limit", 256L << 20))));
        Files.writeString(bundle.resolve("config.json"), Local.JSON.writeValueAsString(spec));
    }

    private static Map<String, Object> bind(String destination, String source) {
        return Map.of("destination", destination, "type", "bind", "source", source,
                "options", List.of("rbind", "ro", "nosuid", "nodev"));
    }

    /** One run; returns its stdout. */
    String run() throws IOException, InterruptedException {
        String id = "bench-" + UUID.randomUUID();
        Process process = new ProcessBuilder(RUNSC, "--root", state.toString(), "--network=none", "run",
                "--bundle", bundle.toString(), id)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bare runsc run did not finish in 30 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bare runsc run exited " + process.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
