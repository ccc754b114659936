package org.openlearning.sandbox.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The runner's meters: requests running and waiting, the most ever running at once, requests turned
 * away, and test verdicts by kind ({@code sandbox_*} at /actuator/prometheus).
 */
@Component
public class RunMetrics {

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter rejected;
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);

    public RunMetrics(MeterRegistry registry) {
        Gauge.builder("sandbox.runs.active", active, AtomicInteger::get)
                .description("requests running sandboxes now").register(registry);
        Gauge.builder("sandbox.runs.active.max", maxActive, AtomicInteger::get)
                .description("most requests ever running at once").register(registry);
        Gauge.builder("sandbox.runs.queued", queued, AtomicInteger::get)
                .description("requests waiting for a pool slot").register(registry);
        rejected = Counter.builder("sandbox.runs.rejected").description("requests answered 429, pool and queue full")
                .register(registry);
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, Counter.builder("sandbox.tests").tag("verdict", verdict.name())
                    .description("tests judged, by verdict").register(registry));
        }
    }

    void started() {
        queued.decrementAndGet();
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
    }

    void finished() {
        active.decrementAndGet();
    }

    void enqueued() {
        queued.incrementAndGet();
    }

    void dequeuedWithoutRunning() {
        queued.decrementAndGet();
    }

    void rejected() {
        rejected.increment();
    }

    void verdict(Verdict verdict) {
        verdicts.get(verdict).increment();
    }

    public int active() {
        return active.get();
    }

    public int maxActive() {
        return maxActive.get();
    }

    public int queued() {
        return queued.get();
    }
}
