package org.openlearning.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openlearning.catalog.LessonKind;
import org.openlearning.progress.LearnerProgress.LessonState;

/** Which lesson "Continue" leads to. */
class LearnerProgressNextTest {

    private static LessonState fresh(int position) {
        return new LessonState(position * 10L, position, "Lesson " + position, LessonKind.VIDEO, 600, 0, false);
    }

    private static LessonState watched(int position, int seconds) {
        return new LessonState(position * 10L, position, "Lesson " + position, LessonKind.VIDEO, 600, seconds, false);
    }

    private static LessonState done(int position) {
        return new LessonState(position * 10L, position, "Lesson " + position, LessonKind.READING, 0, 0, true);
    }

    @Test
    void aLearnerWhoStartedNothingBeginsWithTheFirstLesson() {
        assertThat(LearnerProgress.next(List.of(fresh(1), fresh(2), fresh(3)))).isEqualTo(fresh(1));
    }

    @Test
    void theFurthestLessonTouchedIsContinuedWhileUnfinished() {
        // skipped ahead to lesson 3 and stopped in it: back to lesson 3, not to the skipped lesson 1
        assertThat(LearnerProgress.next(List.of(fresh(1), done(2), watched(3, 42), fresh(4))))
                .isEqualTo(watched(3, 42));
    }

    @Test
    void afterAFinishedLessonComesTheNextUnfinishedOne() {
        assertThat(LearnerProgress.next(List.of(done(1), done(2), fresh(3), fresh(4)))).isEqualTo(fresh(3));
        assertThat(LearnerProgress.next(List.of(fresh(1), done(2), done(3), fresh(4)))).isEqualTo(fresh(4));
    }

    @Test
    void whenEverythingAfterTheFurthestLessonIsDoneTheFirstSkippedLessonIsNext() {
        assertThat(LearnerProgress.next(List.of(done(1), fresh(2), done(3), done(4)))).isEqualTo(fresh(2));
    }

    @Test
    void aFinishedCourseHasNoNextLesson() {
        assertThat(LearnerProgress.next(List.of(done(1), done(2)))).isNull();
        assertThat(LearnerProgress.next(List.of())).isNull();
    }
}
