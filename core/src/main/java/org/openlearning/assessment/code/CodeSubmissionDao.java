package org.openlearning.assessment.code;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Code submissions (intent records of the grade-code job) and their per-test results. Every status
 * change is conditional on the record not being finished, so a late or repeated job run changes nothing.
 */
@RegisterConstructorMapper(CodeSubmissionDao.Submission.class)
@RegisterConstructorMapper(CodeSubmissionDao.Result.class)
public interface CodeSubmissionDao {

    record Submission(long id, long assignmentId, long lessonId, long userId, long enrollmentId, String language,
            String source, SubmissionStatus status, String statusDetail, String failureReason, int runs,
            String compileStatus, String compileMessage, Integer score, Integer maxScore, Boolean passed,
            Instant createdAt, Instant updatedAt, Instant gradedAt) {
    }

    /** One test's verdict; the excerpts and message are null for hidden tests. */
    record Result(long testId, int position, String testName, boolean hidden, Verdict verdict, int points,
            int maxPoints, Integer wallMs, Integer cpuMs, Integer exitCode, String stdoutExcerpt,
            String stderrExcerpt, String message) {
    }

    /** A result with the submission it belongs to, for listing several submissions in one query. */
    record ResultOf(long submissionId, @Nested Result result) {
    }

    String COLUMNS = """
            SELECT id, assignment_id, lesson_id, user_id, enrollment_id, language, source, status, status_detail,
                   failure_reason, runs, compile_status, compile_message, score, max_score, passed, created_at,
                   updated_at, graded_at
            FROM code_submissions
            """;

    @SqlUpdate("""
            INSERT INTO code_submissions (assignment_id, lesson_id, user_id, enrollment_id, language, source)
            VALUES (:assignmentId, :lessonId, :userId, :enrollmentId, :language, :source)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("assignmentId") long assignmentId, @Bind("lessonId") long lessonId,
            @Bind("userId") long userId, @Bind("enrollmentId") long enrollmentId, @Bind("language") String language,
            @Bind("source") String source);

    @SqlQuery(COLUMNS + " WHERE id = :id")
    Optional<Submission> findById(@Bind("id") long id);

    @SqlQuery(COLUMNS + " WHERE assignment_id = :assignmentId AND user_id = :userId ORDER BY id DESC LIMIT :limit")
    List<Submission> ofLearner(@Bind("assignmentId") long assignmentId, @Bind("userId") long userId,
            @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM code_submissions WHERE assignment_id = :assignmentId AND user_id = :userId")
    int countOfLearner(@Bind("assignmentId") long assignmentId, @Bind("userId") long userId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM code_submissions WHERE assignment_id = :assignmentId AND user_id = :userId AND passed)")
    boolean hasPassed(@Bind("assignmentId") long assignmentId, @Bind("userId") long userId);

    @SqlQuery("""
            SELECT test_id, position, test_name, hidden, verdict, points, max_points, wall_ms, cpu_ms, exit_code,
                   stdout_excerpt, stderr_excerpt, message
            FROM code_test_results WHERE submission_id = :id ORDER BY position, test_id
            """)
    List<Result> results(@Bind("id") long submissionId);

    /** The results of several submissions, each submission's in the order {@link #results} gives them. */
    @SqlQuery("""
            SELECT submission_id, test_id, position, test_name, hidden, verdict, points, max_points, wall_ms, cpu_ms,
                   exit_code, stdout_excerpt, stderr_excerpt, message
            FROM code_test_results WHERE submission_id = ANY(:ids) ORDER BY submission_id, position, test_id
            """)
    @RegisterConstructorMapper(ResultOf.class)
    List<ResultOf> resultsOf(@Bind("ids") long[] submissionIds);

    /** Starts a run of the job: RUNNING, one more run; empty when the submission is finished or unknown. */
    @SqlQuery("""
            UPDATE code_submissions SET status = 'RUNNING', runs = runs + 1, status_detail = :detail,
                   updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            RETURNING runs
            """)
    Optional<Integer> startRun(@Bind("id") long id, @Bind("detail") String detail);

    /** Back to QUEUED with a note for the learner (the graders are busy: a later run retries). */
    @SqlUpdate("""
            UPDATE code_submissions SET status = 'QUEUED', status_detail = :detail, updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            """)
    int waiting(@Bind("id") long id, @Bind("detail") String detail);

    /** Running again (after waiting for a grader within the same run). */
    @SqlUpdate("""
            UPDATE code_submissions SET status = 'RUNNING', status_detail = :detail, updated_at = now()
            WHERE id = :id AND status IN ('QUEUED', 'RUNNING')
            """)
    int running(@Bind("id") long id, @Bind("detail") String detail);

    /** A final failure with a reason the learner can read; no-op on a finished submission. */
    @SqlUpdate("""
            UPDATE code_submissions SET status = 'FAILED', failure_reason = :reason, status_detail = NULL,
                   updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            """)
    int fail(@Bind("id") long id, @Bind("reason") String reason);

    /** Records the grade; 0 when the submission is already finished (another run stored it first). */
    @SqlUpdate("""
            UPDATE code_submissions SET status = 'GRADED', status_detail = NULL, compile_status = :compileStatus,
                   compile_message = :compileMessage, score = :score, max_score = :maxScore, passed = :passed,
                   graded_at = now(), updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            """)
    int grade(@Bind("id") long id, @Bind("compileStatus") String compileStatus,
            @Bind("compileMessage") String compileMessage, @Bind("score") int score, @Bind("maxScore") int maxScore,
            @Bind("passed") boolean passed);

    /** Stores per-test results; a result already there is left as it is. */
    @SqlBatch("""
            INSERT INTO code_test_results (submission_id, test_id, position, test_name, hidden, verdict, points,
                                           max_points, wall_ms, cpu_ms, exit_code, stdout_excerpt, stderr_excerpt,
                                           message)
            VALUES (:submissionId, :testId, :position, :testName, :hidden, :verdict, :points, :maxPoints, :wallMs,
                    :cpuMs, :exitCode, :stdoutExcerpt, :stderrExcerpt, :message)
            ON CONFLICT (submission_id, test_id) DO NOTHING
            """)
    void insertResults(@Bind("submissionId") long submissionId, @BindMethods List<Result> results);
}
