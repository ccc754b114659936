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
 * on the connection of the caller's Jdbi handle (inside its transaction, if it has one): prepared
 * once per connection by the driver, rows read by hand. A SQL object costs more CPU per call here
 * than PostgreSQL spends on the statement. Each is one statement, so that where no transaction is
 * needed around it, it is one round trip and one commit. A start reads the learner's standing from
 * their latest attempt and inserts the attempt only if the standing allows it. A submission is one
 * UPDATE: it writes the grade only if the attempt is this learner's, open, of this quiz version and
 * within its time (with the grace), and returns the standing the attempt carries from before it.
 * Neither reads more than one attempt, however many the learner made.
 */
final class AttemptStatements {

    /** A learner's tally of a quiz and their open attempt, if any. */
    record Standing(Tally tally, AttemptRow open) {
    }

    /** What {@link #start} did: the attempt it inserted, or (none) the standing that kept it from it. */
    record Start(Standing standing, AttemptRow inserted) {
    }

    // One statement, so one round trip and (outside a transaction) one commit: the learner's standing,
    // read from their latest attempt, and a new attempt only if the standing allows one (the latest is
    // not open, attempts left, cooldown over), numbered latest + 1 and carrying the standing. A
    // concurrent start of the same learner inserts the same number: the later insert fails on the
    // unique number (no ON CONFLICT clause: its speculative insertion would cost every start two index
    // probes and a WAL record more, for a race that is rare) and the caller looks again. The standing
    // is as it was before the insert.
    // A start commits without waiting for its WAL flush (synchronous_commit off for its own implicit
    // transaction only): the learner's submission commits synchronously, and a flush is in WAL order,
    // so every start a submission depends on is durable once that submission is. What a crash within
    // the WAL writer's delay can lose is a start nobody submitted yet: the learner starts again.
    private static final String START = """
            WITH s AS (SELECT set_config('synchronous_commit', 'off', true)),
            l AS (SELECT %1$s, prior_used, prior_finished_at, prior_passed, prior_best%2$s),
            t AS (SELECT %3$s FROM (SELECT 1) one LEFT JOIN l ON true),
            ins AS (
                INSERT INTO quiz_attempts (quiz_id, user_id, enrollment_id, number, quiz_version, started_at,
                                           deadline, option_order, prior_used, prior_finished_at, prior_passed,
                                           prior_best)
                SELECT ?, ?, ?, t.last_number + 1, ?, ?, ?, CAST(? AS jsonb), t.used, t.last_finished_at,
                       t.passed, t.best_score FROM t
                WHERE NOT EXISTS (SELECT 1 FROM l WHERE l.status = 'STARTED')
                  AND (CAST(? AS integer) IS NULL OR t.used < CAST(? AS integer))
                  AND (CAST(? AS integer) = 0 OR t.last_finished_at IS NULL
                       OR t.last_finished_at + make_interval(secs => ?) <= ?)
                RETURNING %1$s)
            SELECT t.used, t.last_number, t.last_finished_at, t.passed, t.best_score,
                   l.id, l.quiz_id, l.user_id, l.enrollment_id, l.number, l.quiz_version, l.status, l.started_at,
                   l.deadline, l.option_order, l.answers, l.submitted_at, l.late, l.score, l.max_score, l.passed,
                   l.feedback, ins.*
            FROM t CROSS JOIN s LEFT JOIN l ON l.status = 'STARTED' LEFT JOIN ins ON true
            """.formatted(QuizDao.ATTEMPT_COLUMNS, QuizDao.LATEST.replace(":userId", "?").replace(":quizId", "?"),
            QuizDao.STANDING);

    // The standing before the attempt is the one it carries: attempts before it are finished and
    // never change, and none can come after it while it is open.
    private static final String SUBMIT = """
            UPDATE quiz_attempts a SET status = 'SUBMITTED', answers = CAST(? AS jsonb), submitted_at = ?,
                   score = ?, max_score = ?, passed = ?, feedback = CAST(? AS jsonb)
            WHERE a.id = ? AND a.quiz_id = ? AND a.user_id = ? AND a.status = 'STARTED' AND a.quiz_version = ?
              AND (a.deadline IS NULL OR a.deadline + make_interval(secs => ?) >= ?)
            RETURNING a.number, a.enrollment_id, a.prior_used, a.prior_passed
            """;

    private AttemptStatements() {
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Starts an attempt if the learner's standing allows it, in one statement: {@code maxAttempts}
     * (null: no limit) and {@code cooldownSeconds} are the quiz's, {@code now} the start time. Null
     * when a concurrent start of the same learner inserted the same attempt number first. The statement
     * is its own transaction, with an asynchronous commit: never inside the caller's transaction.
     */
    static Start start(Handle h, long quizId, long userId, long enrollmentId, int version, Instant now,
            Instant deadline, String optionOrder, Integer maxAttempts, int cooldownSeconds) {
        if (h.isInTransaction()) {
            throw new IllegalStateException("a start commits asynchronously: it cannot join a transaction");
        }
        try (PreparedStatement st = h.getConnection().prepareStatement(START)) {
            Timestamp at = Timestamp.from(now);
            int i = 1;
            st.setLong(i++, userId);
            st.setLong(i++, quizId);
            st.setLong(i++, quizId);
            st.setLong(i++, userId);
            st.setLong(i++, enrollmentId);
            st.setInt(i++, version);
            st.setTimestamp(i++, at);
            if (deadline == null) {
                st.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                st.setTimestamp(i++, Timestamp.from(deadline));
            }
            st.setString(i++, optionOrder);
            for (int twice = 0; twice < 2; twice++) {
                if (maxAttempts == null) {
                    st.setNull(i++, Types.INTEGER);
                } else {
                    st.setInt(i++, maxAttempts);
                }
            }
            st.setInt(i++, cooldownSeconds);
            st.setInt(i++, cooldownSeconds);
            st.setTimestamp(i++, at);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Tally tally = new Tally(rs.getInt(1), rs.getInt(2), instant(rs, 3), rs.getBoolean(4),
                        (Integer) rs.getObject(5));
                rs.getLong(6);
                AttemptRow open = rs.wasNull() ? null : attempt(rs, 6);
                rs.getLong(6 + ATTEMPT_WIDTH);
                AttemptRow inserted = rs.wasNull() ? null : attempt(rs, 6 + ATTEMPT_WIDTH);
                return new Start(new Standing(tally, open), inserted);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return null;
            }
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

    /** Columns of {@link QuizDao#ATTEMPT_COLUMNS}, as {@link #attempt} reads them. */
    private static final int ATTEMPT_WIDTH = 17;

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
