package org.openlearning.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs one benchmark against the local stack: {@code java -jar bench.jar NAME}. Progress goes to
 * stderr; the last line of stdout is the result as one JSON object.
 */
public final class Bench {

    private static final Map<String, Callable<Report>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("enroll", () -> new EnrollBench().run());
        BENCHMARKS.put("import", () -> new ImportBench().run());
        BENCHMARKS.put("edge", () -> new EdgeBench().run());
        BENCHMARKS.put("transcode", () -> new TranscodeBench().run());
        BENCHMARKS.put("progress", () -> new ProgressBench().run());
        BENCHMARKS.put("compaction", () -> new CompactionBench().run());
    }

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: java -jar bench.jar NAME");
            System.err.println("benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            System.exit(2);
        }
        String name = args[0];
        Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int status;
        try {
            Local.awaitHealthy();
            Report report = BENCHMARKS.get(name).call();
            System.out.println(report.toJson(name, when));
            status = 0;
        } catch (Exception e) {
            System.err.println("bench " + name + " could not run: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
