package org.openlearning.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.openlearning.storage.ObjectStore;

/**
 * A course with a video lesson, and uploads to it written as the web app writes them once the
 * file is complete (status UPLOADED, file in the object store), over plain JDBC so that tests
 * without a Spring context can use it too.
 */
public final class VideoUploadFixture {

    private VideoUploadFixture() {
    }

    /** A lesson record: its id and its course's. */
    public record Lesson(long id, long courseId, long instructorId) {
    }

    public static Lesson videoLesson(Connection c, String tag) throws SQLException {
        String unique = tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        long user = id(c, "INSERT INTO users (email, display_name, password_hash) VALUES (?, 'Video Instructor', 'x')"
                + " RETURNING id", unique + "@example.org");
        long course = id(c, "INSERT INTO courses (slug, title, status) VALUES (?, ?, 'PUBLISHED') RETURNING id",
                unique.toLowerCase().replaceAll("[^a-z0-9]+", "-"), "Video course " + tag);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO course_instructors (course_id, user_id) VALUES (?, ?)")) {
            s.setLong(1, course);
            s.setLong(2, user);
            s.executeUpdate();
        }
        long module = id(c, "INSERT INTO course_modules (course_id, position, title) VALUES (?, 1, 'Week 1') RETURNING id",
                course);
        long lesson = id(c, "INSERT INTO lessons (module_id, course_id, position, title, kind) VALUES (?, ?, 1, ?, 'VIDEO')"
                + " RETURNING id", module, course, "Lecture " + tag);
        return new Lesson(lesson, course, user);
    }

    /** Stores {@code file} and writes an UPLOADED record for it; returns the record's id. */
    public static long uploaded(Connection c, ObjectStore store, Lesson lesson, Path file) throws SQLException,
            IOException {
        String key = "uploads/video/" + lesson.id() + "/" + UUID.randomUUID() + "/" + file.getFileName();
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            store.put(key, in, size, "application/octet-stream");
        }
        return id(c, """
                INSERT INTO video_uploads (lesson_id, course_id, uploaded_by, file_name, size_bytes, fingerprint,
                                           object_key, part_size, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 8388608, 'UPLOADED') RETURNING id
                """, lesson.id(), lesson.courseId(), lesson.instructorId(), file.getFileName().toString(),
                Math.max(1, size), file.getFileName() + ":" + size, key);
    }

    private static long id(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
