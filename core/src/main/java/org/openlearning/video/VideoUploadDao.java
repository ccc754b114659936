package org.openlearning.video;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;
import org.openlearning.catalog.LessonKind;

/**
 * The {@code video_uploads} intent records, the parts of uploads in progress, the chunks of
 * fanned-out transcodes, and the switch of a lesson to a published version.
 */
@RegisterConstructorMapper(VideoUploadDao.VideoUpload.class)
@RegisterConstructorMapper(VideoUploadDao.Part.class)
@RegisterConstructorMapper(VideoUploadDao.Chunk.class)
@RegisterConstructorMapper(VideoUploadDao.VideoLesson.class)
public interface VideoUploadDao {

    record VideoUpload(long id, long lessonId, long courseId, long uploadedBy, String fileName, long sizeBytes,
            String fingerprint, String objectKey, String multipartId, int partSize, VideoUploadStatus status,
            float progressPercent, Integer etaSeconds, int run, String failureReason, Double sourceSeconds,
            Integer sourceWidth, Integer sourceHeight, List<String> renditions, String outputPrefix,
            Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt, String lessonTitle,
            String courseTitle, Integer queuePosition, Double cpuSeconds) {

        public int partCount() {
            return (int) ((sizeBytes + partSize - 1) / partSize);
        }
    }

    record Part(int partNumber, String etag, long sizeBytes) {
    }

    record Chunk(int idx, double startSeconds, double durationSeconds, String status, float progressPercent,
            Double cpuSeconds) {
    }

    /** A lesson as the upload pages see it: its course, its kind and the upload playing now. */
    record VideoLesson(long id, long courseId, String courseTitle, String moduleTitle, String title, LessonKind kind,
            int durationSeconds, Long videoUploadId) {
    }

    String SELECT = """
            SELECT u.id, u.lesson_id, u.course_id, u.uploaded_by, u.file_name, u.size_bytes, u.fingerprint,
                   u.object_key, u.multipart_id, u.part_size, u.status, u.progress_percent, u.eta_seconds, u.run,
                   u.failure_reason, u.source_seconds, u.source_width, u.source_height, u.renditions,
                   u.output_prefix, u.created_at, u.updated_at, u.started_at, u.finished_at,
                   l.title AS lesson_title, c.title AS course_title,
                   CASE WHEN u.status = 'QUEUED' THEN (SELECT count(*) FROM video_uploads q WHERE q.status = 'QUEUED'
                        AND (q.updated_at, q.id) <= (u.updated_at, u.id)) END AS queue_position,
                   u.cpu_seconds
            FROM video_uploads u
            JOIN lessons l ON l.id = u.lesson_id
            JOIN courses c ON c.id = u.course_id
            """;

    // ---- the web app: uploading ----

    @SqlUpdate("""
            INSERT INTO video_uploads (lesson_id, course_id, uploaded_by, file_name, size_bytes, fingerprint,
                                       object_key, multipart_id, part_size)
            VALUES (:lessonId, :courseId, :uploadedBy, :fileName, :sizeBytes, :fingerprint, :objectKey,
                    :multipartId, :partSize)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("lessonId") long lessonId, @Bind("courseId") long courseId, @Bind("uploadedBy") long uploadedBy,
            @Bind("fileName") String fileName, @Bind("sizeBytes") long sizeBytes,
            @Bind("fingerprint") String fingerprint, @Bind("objectKey") String objectKey,
            @Bind("multipartId") String multipartId, @Bind("partSize") int partSize);

    @SqlQuery("""
            SELECT l.id, l.course_id, c.title AS course_title, m.title AS module_title, l.title, l.kind,
                   l.duration_seconds, l.video_upload_id
            FROM lessons l
            JOIN course_modules m ON m.id = l.module_id
            JOIN courses c ON c.id = l.course_id
            WHERE l.id = :id
            """)
    Optional<VideoLesson> findLesson(@Bind("id") long lessonId);

    /** A new upload of the same source file, for a retry after FAILED. */
    @SqlUpdate("""
            INSERT INTO video_uploads (lesson_id, course_id, uploaded_by, file_name, size_bytes, fingerprint,
                                       object_key, part_size, status)
            SELECT lesson_id, course_id, :uploadedBy, file_name, size_bytes, fingerprint, object_key, part_size,
                   'UPLOADED'
            FROM video_uploads WHERE id = :id AND status = 'FAILED'
            """)
    @GetGeneratedKeys("id")
    Optional<Long> insertRetry(@Bind("id") long failedId, @Bind("uploadedBy") long uploadedBy);

    @SqlQuery(SELECT + " WHERE u.id = :id")
    Optional<VideoUpload> findById(@Bind("id") long id);

    /** The unfinished upload of this file by this instructor to this lesson, to resume it. */
    @SqlQuery(SELECT + """
             WHERE u.lesson_id = :lessonId AND u.uploaded_by = :uploadedBy AND u.fingerprint = :fingerprint
               AND u.status = 'UPLOADING'
            ORDER BY u.id DESC LIMIT 1
            """)
    Optional<VideoUpload> findResumable(@Bind("lessonId") long lessonId, @Bind("uploadedBy") long uploadedBy,
            @Bind("fingerprint") String fingerprint);

    @SqlQuery(SELECT + " WHERE u.lesson_id = :lessonId ORDER BY u.id DESC LIMIT :limit")
    List<VideoUpload> forLesson(@Bind("lessonId") long lessonId, @Bind("limit") int limit);

    /** Uploads to the courses this instructor teaches (every course for {@code all}). */
    @SqlQuery(SELECT + """
             WHERE :all OR u.course_id IN (SELECT course_id FROM course_instructors WHERE user_id = :userId)
            ORDER BY u.id DESC LIMIT :limit
            """)
    List<VideoUpload> forInstructor(@Bind("userId") long userId, @Bind("all") boolean all, @Bind("limit") int limit);

    @SqlQuery(SELECT + " WHERE u.id IN (<ids>) ORDER BY u.id DESC")
    List<VideoUpload> findByIds(@BindList("ids") List<Long> ids);

    @SqlUpdate("""
            INSERT INTO video_upload_parts (upload_id, part_number, etag, size_bytes)
            VALUES (:uploadId, :partNumber, :etag, :sizeBytes)
            ON CONFLICT (upload_id, part_number) DO UPDATE SET etag = excluded.etag, size_bytes = excluded.size_bytes
            """)
    void recordPart(@Bind("uploadId") long uploadId, @Bind("partNumber") int partNumber, @Bind("etag") String etag,
            @Bind("sizeBytes") long sizeBytes);

    @SqlQuery("SELECT part_number, etag, size_bytes FROM video_upload_parts WHERE upload_id = :id ORDER BY part_number")
    List<Part> parts(@Bind("id") long uploadId);

    /** The file is whole: the upload becomes an intent for the transcode job. */
    @SqlUpdate("""
            UPDATE video_uploads SET status = 'UPLOADED', multipart_id = NULL, updated_at = now()
            WHERE id = :id AND status = 'UPLOADING'
            """)
    int markUploaded(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE video_uploads SET status = 'CANCELLED', multipart_id = NULL, finished_at = now(), updated_at = now()
            WHERE id = :id AND status = 'UPLOADING'
            """)
    int cancel(@Bind("id") long id);

    @SqlUpdate("DELETE FROM video_upload_parts WHERE upload_id = :id")
    void deleteParts(@Bind("id") long uploadId);

    // ---- the transcode job ----

    /** Starts a new run: empty when the upload has finished (READY, FAILED, CANCELLED) or is still uploading. */
    @SqlQuery("""
            UPDATE video_uploads SET status = 'PROBING', run = run + 1, progress_percent = 0, eta_seconds = NULL,
                   started_at = coalesce(started_at, now()), run_started_at = now(), updated_at = now()
            WHERE id = :id AND status IN ('UPLOADED', 'QUEUED', 'PROBING', 'TRANSCODING', 'PUBLISHING')
            RETURNING run
            """)
    Optional<Integer> startRun(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE video_uploads SET source_seconds = :seconds, source_width = :width, source_height = :height,
                   updated_at = now()
            WHERE id = :id AND run = :run
            """)
    void recordSource(@Bind("id") long id, @Bind("run") int run, @Bind("seconds") double seconds,
            @Bind("width") int width, @Bind("height") int height);

    /** Moves a running upload on; a stale run (a newer one has started) changes nothing. */
    @SqlUpdate("""
            UPDATE video_uploads SET status = :status, progress_percent = :percent, eta_seconds = :eta, updated_at = now()
            WHERE id = :id AND run = :run AND status IN ('PROBING', 'TRANSCODING', 'PUBLISHING')
            """)
    int progress(@Bind("id") long id, @Bind("run") int run, @Bind("status") VideoUploadStatus status,
            @Bind("percent") float percent, @Bind("eta") Integer etaSeconds);

    @SqlUpdate("""
            UPDATE video_uploads SET status = 'FAILED', failure_reason = :reason, eta_seconds = NULL,
                   finished_at = now(), updated_at = now()
            WHERE id = :id AND run = :run AND status NOT IN ('READY', 'FAILED', 'CANCELLED')
            """)
    int fail(@Bind("id") long id, @Bind("run") int run, @Bind("reason") String reason);

    @SqlUpdate("""
            UPDATE video_uploads SET status = 'READY', progress_percent = 100, eta_seconds = NULL,
                   output_prefix = :prefix, renditions = :renditions, failure_reason = NULL, finished_at = now(),
                   updated_at = now()
            WHERE id = :id AND run = :run AND status = 'PUBLISHING'
            """)
    int markReady(@Bind("id") long id, @Bind("run") int run, @Bind("prefix") String prefix,
            @Bind("renditions") List<String> renditions);

    /** Points the lesson at this version unless a newer upload is already playing there. */
    @SqlUpdate("""
            UPDATE lessons SET video_upload_id = :id, video_prefix = :prefix, duration_seconds = :seconds
            WHERE id = (SELECT lesson_id FROM video_uploads WHERE id = :id)
              AND (video_upload_id IS NULL OR video_upload_id < :id)
            """)
    int pointLesson(@Bind("id") long id, @Bind("prefix") String prefix, @Bind("seconds") int durationSeconds);

    /** READY and the lesson switched to the new version, in one transaction; false for a stale run. */
    @Transaction
    default boolean publish(long id, int run, String prefix, List<String> renditions, int durationSeconds) {
        if (markReady(id, run, prefix, renditions) != 1) {
            return false;
        }
        pointLesson(id, prefix, durationSeconds);
        return true;
    }

    /** Current run and status, locked until the end of the transaction (serialises the chunk hand-over). */
    @SqlQuery("SELECT run FROM video_uploads WHERE id = :id FOR UPDATE")
    Optional<Integer> lockRun(@Bind("id") long id);

    // ---- chunks of a fanned-out transcode ----

    @SqlUpdate("""
            INSERT INTO video_transcode_chunks (upload_id, run, idx, start_seconds, duration_seconds)
            VALUES (:id, :run, :idx, :start, :duration)
            ON CONFLICT (upload_id, run, idx) DO NOTHING
            """)
    void insertChunk(@Bind("id") long id, @Bind("run") int run, @Bind("idx") int idx, @Bind("start") double start,
            @Bind("duration") double duration);

    @SqlQuery("""
            SELECT idx, start_seconds, duration_seconds, status, progress_percent, cpu_seconds
            FROM video_transcode_chunks WHERE upload_id = :id AND run = :run ORDER BY idx
            """)
    List<Chunk> chunks(@Bind("id") long id, @Bind("run") int run);

    @SqlUpdate("""
            UPDATE video_transcode_chunks SET status = 'RUNNING', progress_percent = :percent
            WHERE upload_id = :id AND run = :run AND idx = :idx AND status <> 'DONE'
            """)
    int chunkProgress(@Bind("id") long id, @Bind("run") int run, @Bind("idx") int idx, @Bind("percent") float percent);

    @SqlUpdate("""
            UPDATE video_transcode_chunks SET status = 'DONE', progress_percent = 100, cpu_seconds = :cpu
            WHERE upload_id = :id AND run = :run AND idx = :idx
            """)
    int chunkDone(@Bind("id") long id, @Bind("run") int run, @Bind("idx") int idx, @Bind("cpu") double cpuSeconds);
}
