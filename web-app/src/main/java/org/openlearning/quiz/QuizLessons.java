package org.openlearning.quiz;

import java.util.Optional;
import java.util.function.LongFunction;

import org.openlearning.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The quiz of a QUIZ lesson. Assessments are addressed by their lesson's id
 * ({@code /api/assessments/{lesson_id}/...}), one id space for quizzes and programming assignments.
 * Found ids are kept; when a kept quiz is gone (the lesson's quiz was replaced), the lesson is
 * asked again once.
 */
@Component
public class QuizLessons {

    private final QuizDao quizzes;
    private final Cache<Long, Long> quizByLesson = Caffeine.newBuilder().maximumSize(100_000).build();

    QuizLessons(QuizDao quizzes) {
        this.quizzes = quizzes;
    }

    /** Runs {@code action} with the lesson's quiz id; 404 when the lesson has no quiz. */
    public <T> T withQuiz(long lessonId, LongFunction<T> action) {
        Long cached = quizByLesson.getIfPresent(lessonId);
        if (cached != null) {
            try {
                return action.apply(cached);
            } catch (ApiException e) {
                if (e.status() != HttpStatus.NOT_FOUND || lookUp(lessonId).orElse(cached).equals(cached)) {
                    throw e;
                }
            }
        }
        long quizId = lookUp(lessonId)
                .orElseThrow(() -> ApiException.notFound("no quiz for lesson " + lessonId));
        return action.apply(quizId);
    }

    private Optional<Long> lookUp(long lessonId) {
        Optional<Long> found = quizzes.findByLesson(lessonId).map(QuizDao.QuizRow::id);
        found.ifPresentOrElse(id -> quizByLesson.put(lessonId, id), () -> quizByLesson.invalidate(lessonId));
        return found;
    }
}
