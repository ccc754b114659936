package org.openlearning.quiz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.openlearning.quiz.QuizDao.AttemptRow;
import org.openlearning.quiz.QuizDao.Submitted;
import org.openlearning.quiz.QuizDao.Tally;

/**
 * The statements of starting and submitting an attempt, the hot paths of exam week, as plain JDBC
 * on the connection of the caller's Jdbi handle (so inside its transaction): prepared once per
 * connection by the driver, rows read by hand. A SQL object costs more CPU per call here than
 * PostgreSQL spends on the statement. A submission is one UPDATE: it writes the grade only if the
 * attempt is this learner's, open, of this quiz version and within its time (with the grace); its
 * sub-selects see the attempts as they were before it.
 */
final class AttemptStatements {

    /** A learner's tally of a quiz and their open attempt, if any. */
    record Standing(Tally tally, AttemptRow open) {
    }

    private static final String STANDING = """
            SELECT t.used, t.last_number, t.last_finished_at, t.passed, t.best_score, o.*
            FROM (%s WHERE user_id = ? AND quiz_id = ?) t
            LEFT JOIN LATERAL (%s WHERE user_id = ? AND quiz_id = ? AND status = 'STARTED') o ON true
            """.formatted(QuizDao.TALLY, QuizDao.ATTEMPT);

    private static final String INSERT = """
            INSERT INTO quiz_attempts (quiz_id, user_id, enrollment_id, number, quiz_version, started_at, deadline,
                                       option_order)
            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT DO NOTHING
            RETURNING %s
            """.formatted(QuizDao.ATTEMPT_COLUMNS);

    private static final String SUBMIT = """
            UPDATE quiz_attempts a SET status = 'SUBMITTED', answers = CAST(? AS jsonb), submitted_at = ?,
                   score = ?, max_score = ?, passed = ?, feedback = CAST(? AS jsonb)
            WHERE a.id = ? AND a.quiz_id = ? AND a.user_id = ? AND a.status = 'STARTED' AND a.quiz_version = ?
              AND (a.deadline IS NULL OR a.deadline + make_interval(secs => ?) >= ?)
            RETURNING a.number, a.enrollment_id,
                (SELECT count(*) FROM quiz_attempts o WHERE o.user_id = a.user_id AND o.quiz_id = a.quiz_id
                   AND o.status IN ('SUBMITTED', 'EXPIRED')),
                (SELECT coalesce(bool_or(o.passed), false) FROM quiz_attempts o
                 WHERE o.user_id = a.user_id AND o.quiz_id = a.quiz_id AND o.id <> a.id)
            """;

    private AttemptStatements() {
    }

    static Standing standing(Handle h, long userId, long quizId) {
        try (PreparedStatement st = h.getConnection().prepareStatement(STANDING)) {
            st.setLong(1, userId);
            st.setLong(2, quizId);
            st.setLong(3, userId);
            st.setLong(4, quizId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Tally tally = new Tally(rs.getInt(1), rs.getInt(2), instant(rs, 3), rs.getBoolean(4),
                        (Integer) rs.getObject(5));
                rs.getLong(6);
                return new Standing(tally, rs.wasNull() ? null : attempt(rs, 6));
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    static Optional<AttemptRow> insert(Handle h, long quizId, long userId, long enrollmentId, int number, int version,
            Instant startedAt, Instant deadline, String optionOrder) {
        try (PreparedStatement st = h.getConnection().prepareStatement(INSERT)) {
            st.setLong(1, quizId);
            st.setLong(2, userId);
            st.setLong(3, enrollmentId);
            st.setInt(4, number);
            st.setInt(5, version);
            st.setTimestamp(6, Timestamp.from(startedAt));
            if (deadline == null) {
                st.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                st.setTimestamp(7, Timestamp.from(deadline));
            }
            st.setString(8, optionOrder);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(attempt(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    static Optional<Submitted> submit(Handle h, long id, long quizId, long userId, int version, Instant now,
            double graceSeconds, String answers, int score, int maxScore, boolean passed, String feedback) {
        Connection c = h.getConnection();
        try (PreparedStatement st = c.prepareStatement(SUBMIT)) {
            Timestamp at = Timestamp.from(now);
            st.setString(1, answers);
            st.setTimestamp(2, at);
            st.setInt(3, score);
            st.setInt(4, maxScore);
            st.setBoolean(5, passed);
            st.setString(6, feedback);
            st.setLong(7, id);
            st.setLong(8, quizId);
            st.setLong(9, userId);
            st.setInt(10, version);
            st.setDouble(11, graceSeconds);
            st.setTimestamp(12, at);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Submitted(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static AttemptRow attempt(ResultSet rs, int from) throws SQLException {
        int i = from;
        return new AttemptRow(rs.getLong(i), rs.getLong(i + 1), rs.getLong(i + 2), rs.getLong(i + 3), rs.getInt(i + 4),
                rs.getInt(i + 5), rs.getString(i + 6), instant(rs, i + 7), instant(rs, i + 8), rs.getString(i + 9),
                rs.getString(i + 10), instant(rs, i + 11), rs.getBoolean(i + 12), (Integer) rs.getObject(i + 13),
                (Integer) rs.getObject(i + 14), (Boolean) rs.getObject(i + 15), rs.getString(i + 16));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
