package org.openlearning.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark against the local stack: {@code java -jar bench.jar NAME [OPTION…]}. Progress
 * goes to stderr; the last line of stdout is the result as one JSON object.
 */
public final class Bench {

    /** A benchmark; {@code options} are the arguments after its name. */
    private interface Benchmark {
        Report run(List<String> options) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("enroll", options -> new EnrollBench().run());
        BENCHMARKS.put("import", options -> new ImportBench().run());
        BENCHMARKS.put("certificates", options -> new CertificatesBench().run());
        BENCHMARKS.put("edge", options -> new EdgeBench().run());
        BENCHMARKS.put("transcode", options -> new TranscodeBench().run());
        BENCHMARKS.put("progress", options -> new ProgressBench().run());
        BENCHMARKS.put("compaction", options -> new CompactionBench().run());
        BENCHMARKS.put("search", options -> new SearchBench(options).run());
        BENCHMARKS.put("reindex", options -> new ReindexBench(options).run());
        BENCHMARKS.put("quiz", options -> new QuizBench().run());
        BENCHMARKS.put("search-cleanup", options -> new SearchCleanup().run());
        BENCHMARKS.put("sandbox", options -> new SandboxBench().run());
    }

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: java -jar bench.jar NAME [OPTION...]");
            System.err.println("benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            System.exit(2);
        }
        String name = args[0];
        Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int status;
        try {
            Local.awaitHealthy();
            Report report = BENCHMARKS.get(name).run(List.of(Arrays.copyOfRange(args, 1, args.length)));
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
