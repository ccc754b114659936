package org.openlearning.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.openlearning.bench.Learners.Learner;

/**
 * The enroll benchmark's baseline: the enrollment transaction straight in SQL, 64 threads sharing a
 * pool of 20 connections (the web app's pool size), no HTTP, no authentication, no JSON.
 */
final class RawSqlEnroll implements AutoCloseable {

    static final int THREADS = 64;
    static final int CONNECTIONS = 20;

    private record Session(Connection connection, PreparedStatement insert, PreparedStatement count,
            PreparedStatement find) {
    }

    private final List<Learner> learners;
    private final long[] courses;
    private final List<Session> sessions = new ArrayList<>();
    private final BlockingQueue<Session> pool = new ArrayBlockingQueue<>(CONNECTIONS);

    RawSqlEnroll(List<Learner> learners, long[] courses) throws SQLException {
        this.learners = learners;
        this.courses = courses;
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Connection c = Local.connect();
                c.setAutoCommit(false);
                Session s = new Session(c,
                        c.prepareStatement("""
                                INSERT INTO enrollments (user_id, course_id) VALUES (?, ?)
                                ON CONFLICT (user_id, course_id) DO NOTHING RETURNING id
                                """),
                        c.prepareStatement("UPDATE courses SET enrollment_count = enrollment_count + 1 WHERE id = ?"),
                        c.prepareStatement("SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?"));
                sessions.add(s);
                pool.add(s);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    Round run(Duration length) throws InterruptedException {
        return Round.run(THREADS, length, this::loop);
    }

    private void loop(Round.Counter counter, long deadline) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            long user = learners.get(random.nextInt(learners.size())).id();
            long course = courses[random.nextInt(courses.length)];
            long t0 = System.nanoTime();
            Session s = pool.take();
            try {
                boolean created = enroll(s, user, course);
                long nanos = System.nanoTime() - t0;
                if (created) {
                    counter.created(nanos);
                } else {
                    counter.existing(nanos);
                }
            } catch (SQLException e) {
                counter.error(e.getSQLState() == null ? "SQLException" : "SQLSTATE " + e.getSQLState(),
                        System.nanoTime() - t0);
            } finally {
                pool.put(s);
            }
        }
    }

    private static boolean enroll(Session s, long user, long course) throws SQLException {
        try {
            s.insert().setLong(1, user);
            s.insert().setLong(2, course);
            boolean created;
            try (ResultSet rs = s.insert().executeQuery()) {
                created = rs.next();
            }
            if (created) {
                s.count().setLong(1, course);
                s.count().executeUpdate();
            } else {
                s.find().setLong(1, user);
                s.find().setLong(2, course);
                try (ResultSet rs = s.find().executeQuery()) {
                    rs.next();
                }
            }
            s.connection().commit();
            return created;
        } catch (SQLException e) {
            s.connection().rollback();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Session s : sessions) {
            try {
                s.connection().close();
            } catch (SQLException e) {
                Local.log("closing a raw SQL connection: " + e);
            }
        }
    }
}
