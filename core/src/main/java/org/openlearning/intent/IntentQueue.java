package org.openlearning.intent;

import java.time.Duration;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands intent records to JobRunr without letting the two diverge (DESIGN.md §4): a record is
 * written REQUESTED in its own transaction; after commit its job is enqueued under an id derived
 * from the record and the record becomes QUEUED. If the process dies in between, {@link #sweep}
 * finds the record still REQUESTED and enqueues it; enqueueing the same id twice is a no-op.
 */
@Component
public class IntentQueue {

    private static final Logger log = LoggerFactory.getLogger(IntentQueue.class);

    private final JobRequestScheduler scheduler;
    private final Jdbi jdbi;
    private final List<IntentKind> kinds;

    public IntentQueue(JobRequestScheduler scheduler, Jdbi jdbi, List<IntentKind> kinds) {
        this.scheduler = scheduler;
        this.jdbi = jdbi;
        this.kinds = List.copyOf(kinds);
    }

    /**
     * Enqueues the record's job once the current transaction (if any) has committed. Spring runs every
     * after-commit callback before the transaction gives its connection back, so an enqueue from inside
     * a transaction holds that connection while JobRunr takes a second one from the same pool: on a path
     * many requests take at once, call this after the transaction instead (the record is committed by
     * then), or a burst can exhaust the pool with every request waiting for its second connection.
     */
    public void enqueue(IntentKind kind, long recordId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueueNow(kind, recordId);
                }
            });
        } else {
            enqueueNow(kind, recordId);
        }
    }

    private void enqueueNow(IntentKind kind, long recordId) {
        try {
            scheduler.enqueue(kind.jobId(recordId), kind.job().apply(recordId));
            jdbi.useHandle(h -> h.createUpdate("UPDATE " + kind.table()
                            + " SET status = 'QUEUED', updated_at = now() WHERE id = :id AND status = :requested")
                    .bind("id", recordId)
                    .bind("requested", kind.requested())
                    .execute());
        } catch (RuntimeException e) {
            // The record keeps its requested status: the sweeper enqueues it later.
            log.warn("could not enqueue {} {} now, the sweeper will: {}", kind.name(), recordId, e.toString());
        }
    }

    /** Enqueues every record left in its requested status for longer than {@code olderThan}; returns how many. */
    public int sweep(Duration olderThan) {
        int swept = 0;
        for (IntentKind kind : kinds) {
            List<Long> stuck = jdbi.withHandle(h -> h.createQuery("SELECT id FROM " + kind.table()
                            + " WHERE status = :requested AND updated_at < now() - make_interval(secs => :secs)"
                            + " ORDER BY id LIMIT 1000")
                    .bind("requested", kind.requested())
                    .bind("secs", (double) olderThan.toMillis() / 1000)
                    .mapTo(Long.class)
                    .list());
            for (long id : stuck) {
                log.info("sweeper: {} {} was never enqueued, enqueueing it", kind.name(), id);
                enqueueNow(kind, id);
                swept++;
            }
        }
        return swept;
    }

    public List<IntentKind> kinds() {
        return kinds;
    }
}
