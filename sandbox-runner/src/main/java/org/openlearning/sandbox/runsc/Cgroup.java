package org.openlearning.sandbox.runsc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host cgroup of one sandbox, created by the runner before {@code runsc run} and named in the
 * OCI spec's {@code cgroupsPath}. runsc joins a cgroup that already exists without changing its
 * limits and without deleting it afterwards (measured with this runsc), so the runner writes the
 * limits itself and can still read the CPU time, the OOM-kill count and the memory peak after the
 * sandbox has exited. Everything the sandbox runs on the host (the gVisor kernel and its stub
 * processes) is charged here.
 */
public abstract sealed class Cgroup permits Cgroup.V1, Cgroup.V2 {

    static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** The limits the host enforces on one sandbox. */
    public record HostLimits(long memoryBytes, int pids, int cpuQuotaPercent) {
    }

    final String relative;

    private Cgroup(String relative) {
        this.relative = relative;
    }

    /** cgroup v2 when {@code /sys/fs/cgroup} is the unified hierarchy, else v1 controllers. */
    public static boolean unified() {
        return Files.exists(ROOT.resolve("cgroup.controllers"));
    }

    /** Creates {@code parent/name} with the given limits. */
    public static Cgroup create(String parent, String name, HostLimits limits) {
        String relative = parent + "/" + name;
        Cgroup cgroup = unified() ? new V2(relative) : new V1(relative);
        try {
            cgroup.make(limits);
        } catch (IOException | RuntimeException e) {
            cgroup.remove();
            throw new IllegalStateException("cannot set up cgroup " + relative + ": " + e.getMessage(), e);
        }
        return cgroup;
    }

    /** Removes the (empty) parent cgroup of this runner's sandboxes. */
    public static void removeParent(String parent) {
        if (unified()) {
            rmdir(ROOT.resolve(parent));
        } else {
            for (String controller : V1.CONTROLLERS) {
                rmdir(ROOT.resolve(controller).resolve(parent));
            }
        }
    }

    /** The value for the OCI spec's {@code linux.cgroupsPath}. */
    public String specPath() {
        return "/" + relative;
    }

    abstract void make(HostLimits limits) throws IOException;

    /** CPU time used so far by everything in the cgroup, in nanoseconds. */
    public abstract long cpuNanos();

    /** Whether the kernel's OOM killer killed something in it. */
    public abstract boolean oomKilled();

    /** Highest memory use seen, in bytes (0 when the kernel does not report it). */
    public abstract long memoryPeakBytes();

    /** Host process ids still in the cgroup. */
    public abstract List<Long> pids();

    /** Removes the cgroup directories; processes must be gone. Never throws. */
    public abstract void remove();

    /** SIGKILLs every host process left in the cgroup. */
    public void killAll() {
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static long readLong(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() || text.equals("max") ? 0 : Long.parseLong(text);
        } catch (IOException e) {
            return 0;
        }
    }

    static long readKey(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static List<Long> readPids(Path file) {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return pids;
        }
        return pids;
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    static void rmdir(Path dir) {
        for (int attempt = 0; attempt < 50 && Files.isDirectory(dir); attempt++) {
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                // busy while the last processes are reaped
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** cgroup v1: one directory per controller (memory, cpu, cpuacct, pids). */
    static final class V1 extends Cgroup {

        static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids");

        V1(String relative) {
            super(relative);
        }

        private Path dir(String controller) {
            return ROOT.resolve(controller).resolve(relative);
        }

        @Override
        void make(HostLimits limits) throws IOException {
            for (String controller : CONTROLLERS) {
                Files.createDirectories(dir(controller));
            }
            Path memory = dir("memory");
            write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            Path swap = memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(swap)) {
                write(swap, Long.toString(limits.memoryBytes()));
            }
            write(dir("pids").resolve("pids.max"), Integer.toString(limits.pids()));
            write(dir("cpu").resolve("cpu.cfs_period_us"), "100000");
            write(dir("cpu").resolve("cpu.cfs_quota_us"), Integer.toString(1000 * limits.cpuQuotaPercent()));
        }

        @Override
        public long cpuNanos() {
            return readLong(dir("cpuacct").resolve("cpuacct.usage"));
        }

        @Override
        public boolean oomKilled() {
            return readKey(dir("memory").resolve("memory.oom_control"), "oom_kill") > 0;
        }

        @Override
        public long memoryPeakBytes() {
            return readLong(dir("memory").resolve("memory.max_usage_in_bytes"));
        }

        @Override
        public List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            for (String controller : CONTROLLERS) {
                for (long pid : readPids(dir(controller).resolve("cgroup.procs"))) {
                    if (!pids.contains(pid)) {
                        pids.add(pid);
                    }
                }
            }
            return pids;
        }

        @Override
        public void remove() {
            for (String controller : CONTROLLERS) {
                rmdir(dir(controller));
            }
        }
    }

    /** cgroup v2: one directory in the unified hierarchy. */
    static final class V2 extends Cgroup {

        V2(String relative) {
            super(relative);
        }

        private Path dir() {
            return ROOT.resolve(relative);
        }

        @Override
        void make(HostLimits limits) throws IOException {
            Path parent = dir().getParent();
            Files.createDirectories(parent);
            write(parent.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
            Files.createDirectories(dir());
            write(dir().resolve("memory.max"), Long.toString(limits.memoryBytes()));
            Path swap = dir().resolve("memory.swap.max");
            if (Files.exists(swap)) {
                write(swap, "0");
            }
            write(dir().resolve("pids.max"), Integer.toString(limits.pids()));
            write(dir().resolve("cpu.max"), (1000 * limits.cpuQuotaPercent()) + " 100000");
        }

        @Override
        public long cpuNanos() {
            return readKey(dir().resolve("cpu.stat"), "usage_usec") * 1000;
        }

        @Override
        public boolean oomKilled() {
            return readKey(dir().resolve("memory.events"), "oom_kill") > 0;
        }

        @Override
        public long memoryPeakBytes() {
            return readLong(dir().resolve("memory.peak"));
        }

        @Override
        public List<Long> pids() {
            return readPids(dir().resolve("cgroup.procs"));
        }

        @Override
        public void remove() {
            rmdir(dir());
        }
    }
}
