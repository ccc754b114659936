package org.openlearning.sandbox.runsc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime spec ({@code config.json}) of one sandbox: the read-only rootfs and toolchains,
 * {@code /box} (program), {@code /in} (stdin files, read-only), a size-limited tmpfs at {@code /tmp}
 * (the run's scratch and cwd), uid/gid 65534 with no capabilities and no new privileges, rlimits for
 * processes and file size, its own pid/net/ipc/uts/mount namespaces and the runner-made cgroup.
 */
final class SandboxSpec {

    static final int UID = 65534;

    /**
     * The fixed launcher: {@code sh -c LAUNCHER launch STDIN PROGRAM ARGS…} redirects the program's
     * stdin from a file inside the sandbox and execs it, so the program is the container's init.
     * Nothing from a request is ever concatenated into this script: paths and arguments are
     * positional parameters.
     */
    static final String LAUNCHER = "f=$1; shift; exec \"$@\" < \"$f\"";

    private SandboxSpec() {
    }

    static Map<String, Object> of(SandboxCommand command, RootFs rootFs, Cgroup cgroup) {
        SandboxCommand.ResourceLimits limits = command.limits();
        List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCHER, "launch",
                command.stdinFile() == null ? "/dev/null" : command.stdinFile()));
        args.addAll(command.args());

        long fileSize = 1024L * limits.fileSizeKb();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", UID, "gid", UID, "additionalGids", List.of()));
        process.put("args", args);
        process.put("env", List.of("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp",
                "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1"));
        process.put("cwd", command.cwd());
        process.put("noNewPrivileges", true);
        process.put("capabilities", Map.of("bounding", List.of(), "effective", List.of(),
                "inheritable", List.of(), "permitted", List.of(), "ambient", List.of()));
        process.put("rlimits", List.of(
                rlimit("RLIMIT_NPROC", limits.processes()),
                rlimit("RLIMIT_FSIZE", fileSize),
                rlimit("RLIMIT_CORE", 0),
                rlimit("RLIMIT_NOFILE", 256)));

        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(Map.of("destination", "/proc", "type", "proc", "source", "proc"));
        mounts.add(Map.of("destination", "/dev", "type", "tmpfs", "source", "tmpfs",
                "options", List.of("nosuid", "noexec", "mode=755", "size=64k")));
        for (var host : rootFs.readOnlyHostDirs()) {
            mounts.add(bind(host.toString(), host.toString(), false));
        }
        mounts.add(bind(RootFs.BOX, command.box().toString(), command.boxWritable()));
        if (command.input() != null) {
            mounts.add(bind(RootFs.INPUT, command.input().toString(), false));
        }
        mounts.add(Map.of("destination", RootFs.TMP, "type", "tmpfs", "source", "tmpfs",
                "options", List.of("nosuid", "nodev", "mode=1777", "size=" + limits.fileSizeKb() + "k")));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ociVersion", "1.0.0");
        spec.put("process", process);
        spec.put("root", Map.of("path", rootFs.dir().toString(), "readonly", true));
        spec.put("hostname", "sandbox");
        spec.put("mounts", mounts);
        spec.put("linux", Map.of(
                "namespaces", List.of(Map.of("type", "pid"), Map.of("type", "network"), Map.of("type", "ipc"),
                        Map.of("type", "uts"), Map.of("type", "mount")),
                "cgroupsPath", cgroup.specPath(),
                "resources", Map.of(
                        "memory", Map.of("limit", 1024L * 1024 * limits.memoryMb()),
                        "pids", Map.of("limit", hostPids(limits.processes())))));
        return spec;
    }

    /** Host tasks allowed: the gVisor kernel's threads and stubs, not only the guest's processes. */
    static int hostPids(int processes) {
        return 256 + 8 * processes;
    }

    private static Map<String, Object> rlimit(String type, long value) {
        return Map.of("type", type, "hard", value, "soft", value);
    }

    private static Map<String, Object> bind(String destination, String source, boolean writable) {
        return Map.of("destination", destination, "type", "bind", "source", source,
                "options", List.of("rbind", writable ? "rw" : "ro", "nosuid", "nodev"));
    }
}
