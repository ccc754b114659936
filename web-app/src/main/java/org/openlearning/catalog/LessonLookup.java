package org.openlearning.catalog;

import java.time.Duration;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Lessons as the hot API paths (progress reports, assessment submissions) look them up: through a
 * short-lived in-process cache, so that a burst of requests to one lesson costs one query. A change
 * is seen within {@code platform.progress.lookup-cache-ttl}.
 */
@Component
public class LessonLookup {

    /** {@code graded}: a lesson with a quiz or a programming assignment, completed only by passing it. */
    public record LessonInfo(long id, long courseId, LessonKind kind, int durationSeconds, boolean graded) {
    }

    private final Jdbi jdbi;
    private final Cache<Long, Optional<LessonInfo>> lessons;

    LessonLookup(Jdbi jdbi, @Value("${platform.progress.lookup-cache-ttl:60s}") Duration ttl) {
        this.jdbi = jdbi;
        this.lessons = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).build();
    }

    public Optional<LessonInfo> find(long lessonId) {
        return lessons.get(lessonId, id -> jdbi.withHandle(h -> h.createQuery(
                        """
                        SELECT id, course_id, kind, duration_seconds,
                               (EXISTS (SELECT 1 FROM quizzes q WHERE q.lesson_id = l.id)
                                OR EXISTS (SELECT 1 FROM code_assignments a WHERE a.lesson_id = l.id)) AS graded
                        FROM lessons l WHERE id = :id
                        """)
                .bind("id", id)
                .map((rs, ctx) -> new LessonInfo(rs.getLong(1), rs.getLong(2), LessonKind.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getBoolean(5)))
                .findOne()));
    }
}
