package org.openlearning.intent;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.LongFunction;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A kind of intent record: the table its rows live in and the JobRunr job that carries a row out.
 * Every intent table has {@code id}, {@code status} (starting at the requested status, then QUEUED)
 * and {@code updated_at}.
 *
 * @param name      stable name, part of every job id of this kind
 * @param table     the intent table (a constant of the code, never user input)
 * @param requested the status of a record whose job is wanted but not yet enqueued
 * @param job       the job request for one record id
 */
public record IntentKind(String name, String table, String requested, LongFunction<JobRequest> job) {

    public IntentKind {
        if (!table.matches("[a-z_]+") || !requested.matches("[A-Z_]+")) {
            throw new IllegalArgumentException("not a table name or status: " + table + ", " + requested);
        }
    }

    public IntentKind(String name, String table, LongFunction<JobRequest> job) {
        this(name, table, "REQUESTED", job);
    }

    /** The job id of a record: the same record always gets the same job, so a second enqueue is a no-op. */
    public UUID jobId(long recordId) {
        return UUID.nameUUIDFromBytes((name + ":" + recordId).getBytes(StandardCharsets.UTF_8));
    }
}
