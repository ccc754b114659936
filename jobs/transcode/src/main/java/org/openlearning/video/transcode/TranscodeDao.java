package org.openlearning.video.transcode;

import java.util.Optional;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.openlearning.video.VideoUploadStatus;

/** The transcode job's own bookkeeping on {@code video_uploads} and {@code video_transcode_chunks}. */
interface TranscodeDao {

    @SqlQuery("SELECT status FROM video_uploads WHERE id = :id AND run = :run")
    Optional<VideoUploadStatus> statusOfRun(@Bind("id") long id, @Bind("run") int run);

    @SqlUpdate("UPDATE video_uploads SET cpu_seconds = coalesce(cpu_seconds, 0) + :cpu WHERE id = :id AND run = :run")
    void addCpu(@Bind("id") long id, @Bind("run") int run, @Bind("cpu") double cpuSeconds);

    /** Seconds since the current run started. */
    @SqlQuery("SELECT coalesce(extract(epoch FROM now() - run_started_at), 0) FROM video_uploads WHERE id = :id")
    double runSeconds(@Bind("id") long id);

    /** Counts an attempt at a chunk; empty when it is already done. */
    @SqlQuery("""
            UPDATE video_transcode_chunks SET attempts = attempts + 1, status = 'RUNNING', progress_percent = 0
            WHERE upload_id = :id AND run = :run AND idx = :idx AND status <> 'DONE'
            RETURNING attempts
            """)
    Optional<Integer> startChunk(@Bind("id") long id, @Bind("run") int run, @Bind("idx") int idx);

    @SqlQuery("""
            UPDATE video_uploads SET stitch_attempts = stitch_attempts + 1
            WHERE id = :id AND run = :run AND status = 'TRANSCODING'
            RETURNING stitch_attempts
            """)
    Optional<Integer> startStitch(@Bind("id") long id, @Bind("run") int run);

    @SqlQuery("""
            SELECT count(*) FILTER (WHERE status <> 'DONE') FROM video_transcode_chunks
            WHERE upload_id = :id AND run = :run
            """)
    int chunksLeft(@Bind("id") long id, @Bind("run") int run);

    @SqlQuery("SELECT coalesce(sum(cpu_seconds), 0) FROM video_transcode_chunks WHERE upload_id = :id AND run = :run")
    double chunksCpu(@Bind("id") long id, @Bind("run") int run);

    /** The share of the chunks' work done, in percent. */
    @SqlQuery("""
            SELECT coalesce(sum(progress_percent * duration_seconds) / nullif(sum(duration_seconds), 0), 0)
            FROM video_transcode_chunks WHERE upload_id = :id AND run = :run
            """)
    double chunksPercent(@Bind("id") long id, @Bind("run") int run);
}
