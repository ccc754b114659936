package org.openlearning.quiz;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Which learners this process has seen pass a quiz. Passing completes the quiz lesson once, in the
 * transaction that records the first pass; a learner known to have passed already has that lesson
 * completed for good (completion only ever turns true), so their later submissions need no
 * transaction around the grade: one statement, one commit. Knowing too little only costs the
 * transaction: a learner not remembered here (another replica saw the pass, the entry expired) is
 * graded the careful way.
 */
@Component
class QuizPasses {

    private record Learner(long userId, long quizId) {
    }

    private final Cache<Learner, Boolean> passed = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    void remember(long userId, long quizId) {
        passed.put(new Learner(userId, quizId), Boolean.TRUE);
    }

    boolean known(long userId, long quizId) {
        return passed.getIfPresent(new Learner(userId, quizId)) != null;
    }
}
