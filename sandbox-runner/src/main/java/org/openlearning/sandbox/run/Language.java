package org.openlearning.sandbox.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openlearning.sandbox.SandboxProperties;

/** A language the runner compiles and runs: its source file name, compile command and run command. */
public enum Language {
    PYTHON("main.py"),
    JAVA("Main.java"),
    CPP("main.cpp"),
    JAVASCRIPT("main.js");

    private final String sourceFile;

    Language(String sourceFile) {
        this.sourceFile = sourceFile;
    }

    public static Optional<Language> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Language language : values()) {
            if (language.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    public String sourceFile() {
        return sourceFile;
    }

    /** The compile command inside the sandbox (cwd {@code /box}, writable), or empty when there is none. */
    List<String> compile(SandboxProperties tools) {
        return switch (this) {
            case PYTHON, JAVASCRIPT -> List.of();
            case JAVA -> List.of(tools.effectiveJavaHome() + "/bin/javac", "-J-Xmx384m", "-J-XX:+UseSerialGC",
                    "-J-XX:TieredStopAtLevel=1", "-J-XX:ActiveProcessorCount=1", "-encoding", "UTF-8",
                    "-d", "/box", "/box/Main.java");
            case CPP -> List.of(tools.cxx(), "-O2", "-std=c++17", "-pipe", "-o", "/box/main", "/box/main.cpp");
        };
    }

    /** The run command inside the sandbox for a memory limit of {@code memoryMb}. */
    List<String> run(SandboxProperties tools, int memoryMb) {
        return switch (this) {
            case PYTHON -> List.of(tools.python(), "/box/main.py");
            case JAVASCRIPT -> List.of(tools.node(), "--max-old-space-size=" + Math.max(16, memoryMb / 2),
                    "/box/main.js");
            // the JVM must fit the cgroup together with the gVisor kernel: half the limit as heap
            case JAVA -> List.of(tools.effectiveJavaHome() + "/bin/java", "-Xmx" + Math.max(16, memoryMb / 2) + "m",
                    "-Xss64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1",
                    "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=32m", "-Xshare:auto",
                    "-cp", "/box", "Main");
            case CPP -> List.of("/box/main");
        };
    }

    /** Whether stderr shows the language runtime gave up for lack of memory. */
    boolean ranOutOfMemory(String stderr) {
        return switch (this) {
            case PYTHON -> stderr.contains("\nMemoryError") || stderr.startsWith("MemoryError");
            case JAVA -> stderr.contains("java.lang.OutOfMemoryError");
            case JAVASCRIPT -> stderr.contains("JavaScript heap out of memory");
            case CPP -> stderr.contains("std::bad_alloc");
        };
    }
}
