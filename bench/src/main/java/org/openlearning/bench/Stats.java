package org.openlearning.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/** Percentiles, medians and rounding; latencies are kept in nanoseconds and reported in milliseconds. */
final class Stats {

    private Stats() {
    }

    /** A growable list of latencies (ns) owned by one client thread. */
    static final class Samples {
        private long[] values = new long[4096];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        int size() {
            return size;
        }

        static long[] sorted(List<Samples> all) {
            long[] merged = new long[all.stream().mapToInt(Samples::size).sum()];
            int at = 0;
            for (Samples s : all) {
                System.arraycopy(s.values, 0, merged, at, s.size);
                at += s.size;
            }
            Arrays.sort(merged);
            return merged;
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; NaN when there are none. */
    static double percentileMs(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.clamp(rank - 1, 0, sortedNanos.length - 1)] / 1e6;
    }

    static double median(double... values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double round(double value, int digits) {
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    /** "812.4 / 799.0 / 820.7" for the notes. */
    static String list(double[] values, int digits) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.isEmpty() ? "" : " / ").append(round(v, digits));
        }
        return out.toString();
    }
}
