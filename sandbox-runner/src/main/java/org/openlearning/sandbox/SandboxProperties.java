package org.openlearning.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the runner ({@code sandbox.*}).
 *
 * @param secret       the shared secret callers send as {@code Authorization: Bearer …}
 * @param secretFile   a file holding the secret instead (trimmed); wins over {@code secret} when set
 * @param runsc        the runsc binary
 * @param workDir      where the runner keeps its rootfs, runsc state and per-request directories
 * @param poolSize     concurrent requests running sandboxes; 0 = number of cores
 * @param queueCapacity requests waiting for a slot; beyond that the API answers 429
 * @param javaHome     JDK used inside the sandbox for javac/java; empty = the runner's own
 * @param python       Python 3 interpreter inside the sandbox
 * @param node         Node.js inside the sandbox
 * @param cxx          C++ compiler inside the sandbox
 * @param compile      limits of a compile step
 * @param max          hard maxima a request's limits may not exceed
 * @param defaults     limits a request gets for fields it leaves out
 * @param cgroupParent cgroup (relative to each controller's root) under which each sandbox gets its own
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        String secret,
        Path secretFile,
        @DefaultValue("/usr/bin/runsc") Path runsc,
        @DefaultValue("/var/lib/sandbox-runner") Path workDir,
        @DefaultValue("0") int poolSize,
        @DefaultValue("64") int queueCapacity,
        String javaHome,
        @DefaultValue("/usr/bin/python3") String python,
        @DefaultValue("/usr/bin/node") String node,
        @DefaultValue("/usr/bin/g++") String cxx,
        @DefaultValue Compile compile,
        @DefaultValue Max max,
        @DefaultValue Defaults defaults,
        @DefaultValue("sandbox-runner") String cgroupParent,
        @DefaultValue("5s") Duration retryAfter) {

    /** Limits of the compile step (javac, g++). */
    public record Compile(
            @DefaultValue("30000") int wallMs,
            @DefaultValue("30000") int cpuMs,
            @DefaultValue("1024") int memoryMb,
            @DefaultValue("64") int processes,
            @DefaultValue("65536") int fileSizeKb) {
    }

    /** Hard maxima of a request's limits. */
    public record Max(
            @DefaultValue("30000") int wallMs,
            @DefaultValue("30000") int cpuMs,
            @DefaultValue("1024") int memoryMb,
            @DefaultValue("128") int processes,
            @DefaultValue("65536") int fileSizeKb,
            @DefaultValue("16384") int outputKb,
            @DefaultValue("100") int tests,
            @DefaultValue("262144") int sourceBytes) {
    }

    /** Limits used when a request leaves a field out. */
    public record Defaults(
            @DefaultValue("10000") int wallMs,
            @DefaultValue("10000") int cpuMs,
            @DefaultValue("256") int memoryMb,
            @DefaultValue("32") int processes,
            @DefaultValue("16384") int fileSizeKb,
            @DefaultValue("1024") int outputKb) {
    }

    public int effectivePoolSize() {
        return poolSize > 0 ? poolSize : Runtime.getRuntime().availableProcessors();
    }

    public String effectiveJavaHome() {
        return javaHome == null || javaHome.isBlank() ? System.getProperty("java.home") : javaHome;
    }
}
