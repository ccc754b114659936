package org.openlearning.assessment.code;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Programming assignments: the grading settings of an ASSIGNMENT lesson, its languages and its tests. */
@RegisterConstructorMapper(CodeAssignmentDao.Assignment.class)
@RegisterConstructorMapper(CodeAssignmentDao.Language.class)
@RegisterConstructorMapper(CodeAssignmentDao.CodeTest.class)
public interface CodeAssignmentDao {

    /** @param maxSubmissions null: unlimited */
    record Assignment(long id, long lessonId, int passingPercent, Integer maxSubmissions, int timeLimitMs,
            int memoryMb, Instant updatedAt) {
    }

    /** @param language a {@link CodeLanguage#id()} */
    record Language(String language, String starterCode) {
    }

    /** @param tolerance for NUMERIC comparison; null: the runner's default */
    record CodeTest(long id, int position, String name, String stdin, String expectedStdout, CompareMode compareMode,
            Double tolerance, boolean hidden, int points) {
    }

    String ASSIGNMENT_COLUMNS = """
            SELECT id, lesson_id, passing_percent, max_submissions, time_limit_ms, memory_mb, updated_at
            FROM code_assignments
            """;

    @SqlQuery(ASSIGNMENT_COLUMNS + " WHERE lesson_id = :lessonId")
    Optional<Assignment> findByLesson(@Bind("lessonId") long lessonId);

    @SqlQuery(ASSIGNMENT_COLUMNS + " WHERE id = :id")
    Optional<Assignment> findById(@Bind("id") long id);

    @SqlQuery("SELECT language, starter_code FROM code_assignment_languages WHERE assignment_id = :id ORDER BY position")
    List<Language> languages(@Bind("id") long assignmentId);

    @SqlQuery("""
            SELECT id, position, name, stdin, expected_stdout, compare_mode, tolerance, hidden, points
            FROM code_tests WHERE assignment_id = :id ORDER BY position
            """)
    List<CodeTest> tests(@Bind("id") long assignmentId);

    /** Creates the lesson's assignment or changes its settings; its id. */
    @SqlQuery("""
            INSERT INTO code_assignments (lesson_id, passing_percent, max_submissions, time_limit_ms, memory_mb)
            VALUES (:lessonId, :passingPercent, :maxSubmissions, :timeLimitMs, :memoryMb)
            ON CONFLICT (lesson_id) DO UPDATE SET passing_percent = excluded.passing_percent,
                max_submissions = excluded.max_submissions, time_limit_ms = excluded.time_limit_ms,
                memory_mb = excluded.memory_mb, updated_at = now()
            RETURNING id
            """)
    long upsert(@Bind("lessonId") long lessonId, @Bind("passingPercent") int passingPercent,
            @Bind("maxSubmissions") Integer maxSubmissions, @Bind("timeLimitMs") int timeLimitMs,
            @Bind("memoryMb") int memoryMb);

    @SqlUpdate("DELETE FROM code_assignment_languages WHERE assignment_id = :id")
    void deleteLanguages(@Bind("id") long assignmentId);

    @SqlUpdate("""
            INSERT INTO code_assignment_languages (assignment_id, language, position, starter_code)
            VALUES (:id, :language, :position, :starterCode)
            """)
    void insertLanguage(@Bind("id") long assignmentId, @Bind("language") String language,
            @Bind("position") int position, @Bind("starterCode") String starterCode);

    /** Removes the tests not in {@code keep} (their results in earlier submissions go with them). */
    @SqlUpdate("DELETE FROM code_tests WHERE assignment_id = :id AND NOT (id = ANY(:keep))")
    void deleteTestsExcept(@Bind("id") long assignmentId, @Bind("keep") long[] keep);

    @SqlUpdate("""
            UPDATE code_tests SET position = :position, name = :name, stdin = :stdin,
                   expected_stdout = :expectedStdout, compare_mode = :compareMode, tolerance = :tolerance,
                   hidden = :hidden, points = :points
            WHERE id = :testId AND assignment_id = :id
            """)
    int updateTest(@Bind("id") long assignmentId, @Bind("testId") long testId, @Bind("position") int position,
            @Bind("name") String name, @Bind("stdin") String stdin, @Bind("expectedStdout") String expectedStdout,
            @Bind("compareMode") CompareMode compareMode, @Bind("tolerance") Double tolerance,
            @Bind("hidden") boolean hidden, @Bind("points") int points);

    @SqlUpdate("""
            INSERT INTO code_tests (assignment_id, position, name, stdin, expected_stdout, compare_mode, tolerance,
                                    hidden, points)
            VALUES (:id, :position, :name, :stdin, :expectedStdout, :compareMode, :tolerance, :hidden, :points)
            """)
    @GetGeneratedKeys("id")
    long insertTest(@Bind("id") long assignmentId, @Bind("position") int position, @Bind("name") String name,
            @Bind("stdin") String stdin, @Bind("expectedStdout") String expectedStdout,
            @Bind("compareMode") CompareMode compareMode, @Bind("tolerance") Double tolerance,
            @Bind("hidden") boolean hidden, @Bind("points") int points);
}
