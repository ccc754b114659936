package org.openlearning.quiz;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Quizzes with their questions, and the attempts learners make at them (starting and submitting one:
 * {@link AttemptStatements}).
 */
@RegisterConstructorMapper(QuizDao.QuizRow.class)
@RegisterConstructorMapper(QuizDao.QuestionRow.class)
@RegisterConstructorMapper(QuizDao.AttemptRow.class)
@RegisterConstructorMapper(QuizDao.Tally.class)
@RegisterConstructorMapper(QuizDao.Submitted.class)
@RegisterConstructorMapper(QuizDao.QuizLesson.class)
public interface QuizDao {

    record QuizRow(long id, long lessonId, long courseId, int passingPercent, Integer maxAttempts,
            int cooldownSeconds, Integer timeLimitSeconds, LatePolicy latePolicy, boolean shuffleOptions,
            int version) {
    }

    /** {@code options} and {@code answerKey} as JSON text. */
    record QuestionRow(long id, int position, QuestionKind kind, String prompt, int points, String explanation,
            String options, String answerKey) {
    }

    /** {@code optionOrder}, {@code answers} and {@code feedback} as JSON text. */
    record AttemptRow(long id, long quizId, long userId, long enrollmentId, int number, int quizVersion,
            String status, Instant startedAt, Instant deadline, String optionOrder, String answers,
            Instant submittedAt, boolean late, Integer score, Integer maxScore, Boolean passed, String feedback) {
    }

    /** A learner's attempts at a quiz so far: how many count, when the last one ended, any pass. */
    record Tally(int used, int lastNumber, Instant lastFinishedAt, boolean passed, Integer bestScore) {
    }

    /** What the submit statement ({@link AttemptStatements}) returns besides the grade it wrote. */
    record Submitted(int number, long enrollmentId, int usedBefore, boolean passedBefore) {
    }

    /** A lesson with its course, for authoring. */
    record QuizLesson(long lessonId, String title, String kind, long courseId, String courseTitle) {
    }

    String QUIZ = """
            SELECT id, lesson_id, course_id, passing_percent, max_attempts, cooldown_seconds, time_limit_seconds,
                   late_policy, shuffle_options, version
            FROM quizzes
            """;

    /** An attempt's columns in {@link AttemptRow}'s order ({@link AttemptStatements} reads them by position). */
    String ATTEMPT_COLUMNS = """
            id, quiz_id, user_id, enrollment_id, number, quiz_version, status, started_at, deadline,
            option_order::text AS option_order, answers::text AS answers, submitted_at, late, score,
            max_score, passed, feedback::text AS feedback""";

    String ATTEMPT = "SELECT " + ATTEMPT_COLUMNS + " FROM quiz_attempts";

    /**
     * A learner's {@link Tally} of a quiz, from their latest attempt {@code l} alone: the standing it
     * carries from before it (see the migration adding {@code prior_used}) with its own outcome.
     */
    String STANDING = """
            coalesce(l.prior_used, 0) + CASE WHEN l.status IN ('SUBMITTED', 'EXPIRED') THEN 1 ELSE 0 END AS used,
            coalesce(l.number, 0) AS last_number,
            CASE WHEN l.status IN ('SUBMITTED', 'EXPIRED')
                 THEN greatest(l.prior_finished_at, coalesce(l.submitted_at, l.deadline))
                 ELSE l.prior_finished_at END AS last_finished_at,
            coalesce(l.prior_passed, false) OR coalesce(l.passed, false) AS passed,
            greatest(l.prior_best, l.score) AS best_score""";

    /** The learner's latest attempt at the quiz, to select from. */
    String LATEST = " FROM quiz_attempts WHERE user_id = :userId AND quiz_id = :quizId ORDER BY number DESC LIMIT 1";


    @SqlQuery(QUIZ + " WHERE id = :id")
    Optional<QuizRow> find(@Bind("id") long id);

    @SqlQuery(QUIZ + " WHERE lesson_id = :lessonId")
    Optional<QuizRow> findByLesson(@Bind("lessonId") long lessonId);

    @SqlQuery("SELECT version FROM quizzes WHERE id = :id")
    Optional<Integer> version(@Bind("id") long id);

    @SqlQuery("""
            SELECT id, position, kind, prompt, points, explanation, options::text AS options,
                   answer_key::text AS answer_key
            FROM quiz_questions WHERE quiz_id = :quizId ORDER BY position, id
            """)
    List<QuestionRow> questions(@Bind("quizId") long quizId);

    @SqlQuery("""
            SELECT l.id AS lesson_id, l.title, l.kind, c.id AS course_id, c.title AS course_title
            FROM lessons l JOIN courses c ON c.id = l.course_id WHERE l.id = :lessonId
            """)
    Optional<QuizLesson> lesson(@Bind("lessonId") long lessonId);

    // ---- authoring ----

    /** Creates the lesson's quiz or replaces its settings; either way a new version. Locks the quiz row. */
    @SqlQuery("""
            INSERT INTO quizzes (lesson_id, course_id, passing_percent, max_attempts, cooldown_seconds,
                                 time_limit_seconds, late_policy, shuffle_options)
            VALUES (:lessonId, :courseId, :passingPercent, :maxAttempts, :cooldownSeconds, :timeLimitSeconds,
                    :latePolicy, :shuffleOptions)
            ON CONFLICT (lesson_id) DO UPDATE SET
                passing_percent = excluded.passing_percent, max_attempts = excluded.max_attempts,
                cooldown_seconds = excluded.cooldown_seconds, time_limit_seconds = excluded.time_limit_seconds,
                late_policy = excluded.late_policy, shuffle_options = excluded.shuffle_options,
                version = quizzes.version + 1, updated_at = now()
            RETURNING id
            """)
    long save(@BindMethods QuizRow quiz);

    /** Open attempts of an older version can no longer be graded: they do not count. */
    @SqlUpdate("UPDATE quiz_attempts SET status = 'VOID' WHERE quiz_id = :quizId AND status = 'STARTED'")
    int voidOpenAttempts(@Bind("quizId") long quizId);

    @SqlUpdate("DELETE FROM quiz_questions WHERE quiz_id = :quizId")
    void deleteQuestions(@Bind("quizId") long quizId);

    @SqlBatch("""
            INSERT INTO quiz_questions (quiz_id, position, kind, prompt, points, explanation, options, answer_key)
            VALUES (:quizId, :position, :kind, :prompt, :points, :explanation, CAST(:options AS jsonb),
                    CAST(:answerKey AS jsonb))
            """)
    void insertQuestions(@Bind("quizId") long quizId, @BindMethods List<QuestionRow> questions);

    // ---- attempts ----

    @SqlQuery(ATTEMPT + " WHERE id = :id")
    Optional<AttemptRow> attempt(@Bind("id") long id);

    @SqlQuery(ATTEMPT + " WHERE user_id = :userId AND quiz_id = :quizId AND status = 'STARTED'")
    Optional<AttemptRow> openAttempt(@Bind("userId") long userId, @Bind("quizId") long quizId);

    @SqlQuery(ATTEMPT + " WHERE user_id = :userId AND quiz_id = :quizId ORDER BY number DESC LIMIT :limit")
    List<AttemptRow> attempts(@Bind("userId") long userId, @Bind("quizId") long quizId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + STANDING + " FROM (SELECT 1) one LEFT JOIN (SELECT *" + LATEST + ") l ON true")
    Tally tally(@Bind("userId") long userId, @Bind("quizId") long quizId);

    /** Grades an open attempt whose time ran out, as of its deadline (GRADE_AT_DEADLINE). */
    @SqlUpdate("""
            UPDATE quiz_attempts SET status = 'SUBMITTED', submitted_at = deadline, late = true, score = :score,
                   max_score = :maxScore, passed = :passed, feedback = CAST(:feedback AS jsonb)
            WHERE id = :id AND status = 'STARTED'
            """)
    int gradeAtDeadline(@Bind("id") long id, @Bind("score") int score, @Bind("maxScore") int maxScore,
            @Bind("passed") boolean passed, @Bind("feedback") String feedback);

    /** Closes an open attempt whose time ran out, ungraded (REFUSE). */
    @SqlUpdate("""
            UPDATE quiz_attempts SET status = 'EXPIRED', late = true, score = 0, max_score = :maxScore,
                   passed = false
            WHERE id = :id AND status = 'STARTED'
            """)
    int expire(@Bind("id") long id, @Bind("maxScore") int maxScore);

    /** Keeps the answers so far of an open attempt still within its time. */
    @SqlUpdate("""
            UPDATE quiz_attempts SET answers = CAST(:answers AS jsonb), saved_at = :now
            WHERE id = :id AND quiz_id = :quizId AND user_id = :userId AND status = 'STARTED'
              AND (deadline IS NULL OR deadline + make_interval(secs => :graceSeconds) >= :now)
            """)
    int saveAnswers(@Bind("id") long id, @Bind("quizId") long quizId, @Bind("userId") long userId,
            @Bind("now") Instant now, @Bind("graceSeconds") double graceSeconds, @Bind("answers") String answers);
}
