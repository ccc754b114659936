package org.openlearning.video.transcode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg and ffprobe: progress from {@code -progress pipe:1}, CPU time from {@code -benchmark},
 * the tail of the log for error messages. A process outlives a killed worker (it is re-parented);
 * {@link #killOrphans} ends those of an earlier run before a new one starts.
 */
public final class Ffmpeg {

    private static final Logger log = LoggerFactory.getLogger(Ffmpeg.class);
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");
    private static final int LOG_TAIL = 30;

    /** How a process ended. */
    public record Result(int exitCode, double cpuSeconds, List<String> logTail, String stdout) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** The last meaningful log line, for a failure reason. */
        public String lastError() {
            for (int i = logTail.size() - 1; i >= 0; i--) {
                String line = logTail.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("bench:") && !line.startsWith("Conversion failed")) {
                    return line;
                }
            }
            return "exit code " + exitCode;
        }
    }

    private Ffmpeg() {
    }

    /**
     * Runs an ffmpeg command line (the binary first) with progress reporting: {@code onProgress}
     * receives the seconds of output written so far.
     */
    public static Result transcode(List<String> command, DoubleConsumer onProgress) throws IOException,
            InterruptedException {
        List<String> full = new ArrayList<>();
        full.add(command.getFirst());
        full.addAll(List.of("-nostdin", "-hide_banner", "-nostats", "-v", "info", "-benchmark", "-progress", "pipe:1"));
        full.addAll(command.subList(1, command.size()));
        return run(full, line -> {
            if (line.startsWith("out_time_us=")) {
                String value = line.substring("out_time_us=".length()).strip();
                if (!value.equals("N/A")) {
                    onProgress.accept(Long.parseLong(value) / 1_000_000.0);
                }
            }
        });
    }

    /** Runs a command and returns its standard output whole (for ffprobe's small JSON documents). */
    public static Result capture(List<String> command) throws IOException, InterruptedException {
        return run(command, null);
    }

    private interface LineSink {
        void accept(String line);
    }

    private static Result run(List<String> command, LineSink progress) throws IOException, InterruptedException {
        log.debug("running {}", command);
        Process process = new ProcessBuilder(command).start();
        Deque<String> tail = new ArrayDeque<>();
        double[] cpu = {0};
        Thread stderr = Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher bench = BENCH.matcher(line);
                    synchronized (tail) {
                        if (bench.find()) {
                            cpu[0] = Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2));
                        }
                        tail.addLast(line);
                        if (tail.size() > LOG_TAIL) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; its exit code tells the rest
            }
        });
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (progress != null) {
                    progress.accept(line);
                } else {
                    out.append(line).append('\n');
                }
            }
            int exit = process.waitFor();
            stderr.join();
            synchronized (tail) {
                return new Result(exit, cpu[0], List.copyOf(tail), out.toString());
            }
        } catch (InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Kills ffmpeg processes left working in {@code folder} by a worker that died (their parent is
     * gone, so they were re-parented away from any live JVM of ours).
     */
    public static int killOrphans(Path folder) {
        String marker = folder.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        int killed = 0;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            boolean ours = process.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)
                    && process.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false);
            boolean orphaned = process.parent().map(p -> p.pid() != self && !isJava(p)).orElse(true);
            if (ours && orphaned) {
                log.info("killing ffmpeg {} left by a worker that died", process.pid());
                process.destroyForcibly();
                killed++;
            }
        }
        return killed;
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("java")).orElse(false);
    }
}
