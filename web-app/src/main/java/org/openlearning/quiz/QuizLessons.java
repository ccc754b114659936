package org.openlearning.quiz;

import java.util.Optional;

import org.openlearning.error.ApiException;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The quiz of a QUIZ lesson. Assessments are addressed by their lesson's id
 * ({@code /api/assessments/{lesson_id}/...}), one id space for quizzes and programming assignments;
 * a lesson's quiz never changes once created, so found ids are kept (a miss is asked again).
 */
@Component
public class QuizLessons {

    private final QuizDao quizzes;
    private final Cache<Long, Long> quizByLesson = Caffeine.newBuilder().maximumSize(100_000).build();

    QuizLessons(QuizDao quizzes) {
        this.quizzes = quizzes;
    }

    /** The quiz id of the lesson, or 404 when the lesson has no quiz. */
    public long quizOf(long lessonId) {
        Long cached = quizByLesson.getIfPresent(lessonId);
        if (cached != null) {
            return cached;
        }
        Optional<Long> found = quizzes.findByLesson(lessonId).map(QuizDao.QuizRow::id);
        found.ifPresent(id -> quizByLesson.put(lessonId, id));
        return found.orElseThrow(() -> ApiException.notFound("no quiz for lesson " + lessonId));
    }
}
