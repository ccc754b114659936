package org.openlearning.search;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers that OpenSearch just failed, so that during an outage requests go straight to PostgreSQL
 * for {@code platform.search.retry-after} instead of each paying a timeout; then one request tries
 * OpenSearch again while the others keep using PostgreSQL. An outage is logged when it starts and
 * when it ends, not on every request.
 */
@Component
class SearchOutage {

    private static final Logger log = LoggerFactory.getLogger(SearchOutage.class);

    private final long retryAfterNanos;
    /** System.nanoTime() before which OpenSearch is not asked; 0 while it is up. */
    private final AtomicLong downUntil = new AtomicLong();
    private final AtomicBoolean down = new AtomicBoolean();

    SearchOutage(@Value("${platform.search.retry-after:5s}") Duration retryAfter) {
        this.retryAfterNanos = retryAfter.toNanos();
    }

    /**
     * Whether this request may ask OpenSearch. During an outage, once the wait is over, exactly one
     * caller gets true (it pushes the next try further out, so a failed probe costs one timeout).
     */
    boolean tryOpenSearch() {
        long until = downUntil.get();
        if (until == 0) {
            return true;
        }
        long now = System.nanoTime();
        return now - until >= 0 && downUntil.compareAndSet(until, now + retryAfterNanos);
    }

    void failed(RuntimeException cause) {
        downUntil.set(System.nanoTime() + retryAfterNanos);
        if (down.compareAndSet(false, true)) {
            log.warn("catalog search is answering from PostgreSQL: OpenSearch failed ({}); trying it again every {} s",
                    describe(cause), retryAfterNanos / 1_000_000_000.0, cause);
        }
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            log.info("catalog search is answering from OpenSearch again");
        }
        downUntil.set(0);
    }

    boolean isDown() {
        return down.get();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" ← ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
