package org.openlearning.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The quiz bench's course: the progress benches' course shape (bench learners enrolled, with tokens)
 * with one QUIZ lesson whose quiz has one question of every kind, 10 points, no attempt limit, no
 * cooldown, no time limit, and a video lesson nobody watches: a pass completes the quiz lesson
 * (the 50 % milestone, once per learner) but never the course, so no certificate is issued meanwhile
 * (the bench measures grading, not the certificate job that a completion starts). Written straight to the database; the quiz (and every attempt at it) is
 * made anew on each run. {@code correct} and {@code half} are the answers of a submission as JSON:
 * all right (10 of 10, a pass) and half right (5 of 10, a fail).
 */
record QuizCourse(ProgressCourse course, long quizId, String correct, String half) {

    /** The quiz's lesson: assessments are addressed by their lesson's id. */
    long lesson() {
        return course.lessons()[0];
    }


    static final String SLUG = "bench-quiz";

    static QuizCourse prepare(Connection db, int learners) throws SQLException {
        ProgressCourse course = ProgressCourse.prepare(db, SLUG, 2, learners, true);
        course.resetProgress(db);
        long lesson = course.lessons()[0];
        return Local.inTransaction(db, () -> {
            ProgressCourse.update(db,
                    "UPDATE lessons SET kind = 'QUIZ', duration_seconds = 0, title = 'Bench quiz' WHERE id = ?", lesson);
            ProgressCourse.update(db, "DELETE FROM quizzes WHERE lesson_id = ?", lesson);
            long quiz = ProgressCourse.ids(db, """
                    INSERT INTO quizzes (lesson_id, course_id, passing_percent) VALUES (?, ?, 70) RETURNING id
                    """, lesson, course.id())[0];
            ProgressCourse.update(db, """
                    INSERT INTO quiz_questions (quiz_id, position, kind, prompt, points, explanation, options, answer_key)
                    VALUES (?, 1, 'SINGLE', 'Which clause filters groups?', 2, 'HAVING filters after GROUP BY.',
                            '[{"id":"1","text":"WHERE"},{"id":"2","text":"HAVING"},{"id":"3","text":"ORDER BY"},{"id":"4","text":"LIMIT"}]',
                            '{"correct":["2"]}'),
                           (?, 2, 'MULTIPLE', 'Which are aggregate functions?', 3, NULL,
                            '[{"id":"1","text":"COUNT"},{"id":"2","text":"LOWER"},{"id":"3","text":"SUM"}]',
                            '{"correct":["1","3"]}'),
                           (?, 3, 'TRUE_FALSE', 'NULL = NULL is true.', 1, NULL, '[]', '{"truth":false}'),
                           (?, 4, 'NUMERIC', '22 / 7 to two decimals?', 2, NULL, '[]', '{"value":3.14,"tolerance":0.005}'),
                           (?, 5, 'TEXT', 'Which keyword removes duplicate rows?', 2, NULL, '[]',
                            '{"accepted":["DISTINCT","SELECT DISTINCT"],"case_sensitive":false}')
                    """, quiz, quiz, quiz, quiz, quiz);
            long[] ids = ProgressCourse.ids(db,
                    "SELECT id FROM quiz_questions WHERE quiz_id = ? ORDER BY position", quiz);
            String correct = "[{\"question_id\":" + ids[0] + ",\"choice\":\"2\"},"
                    + "{\"question_id\":" + ids[1] + ",\"choices\":[\"3\",\"1\"]},"
                    + "{\"question_id\":" + ids[2] + ",\"value\":false},"
                    + "{\"question_id\":" + ids[3] + ",\"value\":3.142},"
                    + "{\"question_id\":" + ids[4] + ",\"text\":\"distinct\"}]";
            String half = "[{\"question_id\":" + ids[0] + ",\"choice\":\"1\"},"
                    + "{\"question_id\":" + ids[1] + ",\"choices\":[\"3\",\"1\"]},"
                    + "{\"question_id\":" + ids[2] + ",\"value\":true},"
                    + "{\"question_id\":" + ids[3] + ",\"value\":3.142},"
                    + "{\"question_id\":" + ids[4] + ",\"text\":\"unique\"}]";
            return new QuizCourse(course, quiz, correct, half);
        });
    }

    long attempts(Connection db, String status) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT count(*) FROM quiz_attempts WHERE quiz_id = ? AND status = ?")) {
            st.setLong(1, quizId);
            st.setString(2, status);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
