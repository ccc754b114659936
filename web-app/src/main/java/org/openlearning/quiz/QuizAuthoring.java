package org.openlearning.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.catalog.CourseEditing;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.QuizDao.QuestionRow;
import org.openlearning.quiz.QuizDao.QuizLesson;
import org.openlearning.quiz.QuizDao.QuizRow;
import org.openlearning.quiz.QuizKey.AnswerKey;
import org.openlearning.quiz.QuizKey.Option;
import org.openlearning.quiz.QuizKey.Question;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Instructors of a course (and admins) write the quiz of a QUIZ lesson: settings and questions with
 * their keys, replaced whole on every save. A save is a new version: attempts open at that moment
 * are void (they were shown other questions), and the cached key of the old version is no longer
 * used.
 */
@Service
public class QuizAuthoring {

    public record OptionForm(String text, Boolean correct) {
    }

    /** One question; which key fields apply depends on {@code kind} (see {@link QuestionKind}). */
    public record QuestionForm(Long id, String kind, String prompt, Integer points, String explanation,
            List<OptionForm> options, Boolean truth, Double value, Double tolerance, List<String> acceptedAnswers,
            Boolean caseSensitive) {
    }

    /** The quiz as instructors read and write it (keys included). {@code quizId}, {@code version}: read only. */
    public record QuizForm(Long quizId, Long lessonId, Integer version, Integer passingPercent, Integer maxAttempts,
            Integer cooldownSeconds, Integer timeLimitSeconds, String latePolicy, Boolean shuffleOptions,
            List<QuestionForm> questions) {
    }

    static final int MAX_QUESTIONS = 200;
    static final int MAX_OPTIONS = 20;

    private final QuizDao quizzes;
    private final Jdbi jdbi;
    private final CourseEditing courses;
    private final AnswerKeys keys;
    private final JsonMapper json;

    QuizAuthoring(QuizDao quizzes, Jdbi jdbi, CourseEditing courses, AnswerKeys keys, JsonMapper json) {
        this.quizzes = quizzes;
        this.jdbi = jdbi;
        this.courses = courses;
        this.keys = keys;
        this.json = json;
    }

    /** The lesson's quiz with its keys; a new lesson's is empty, with the default settings. */
    public QuizForm get(PlatformUser user, long lessonId) {
        QuizLesson lesson = editableQuizLesson(user, lessonId);
        return quizzes.findByLesson(lesson.lessonId()).map(row -> form(keys.assemble(row, quizzes.questions(row.id()))))
                .orElseGet(() -> new QuizForm(null, lessonId, 0, 70, null, 0, null, LatePolicy.GRADE_AT_DEADLINE.name(),
                        true, List.of()));
    }

    public QuizForm put(PlatformUser user, long lessonId, QuizForm form) {
        store(editableQuizLesson(user, lessonId), form);
        return get(user, lessonId);
    }

    /**
     * Writes the quiz of a QUIZ lesson that has none yet, asking nobody's rights (the demo data);
     * false when the lesson already has a quiz.
     */
    public boolean createIfAbsent(long lessonId, QuizForm form) {
        QuizLesson lesson = quizzes.lesson(lessonId).filter(l -> "QUIZ".equals(l.kind()))
                .orElseThrow(() -> new IllegalArgumentException("lesson " + lessonId + " is no quiz lesson"));
        if (quizzes.findByLesson(lessonId).isPresent()) {
            return false;
        }
        store(lesson, form);
        return true;
    }

    private void store(QuizLesson lesson, QuizForm form) {
        QuizRow settings = QuizForms.settings(form, lesson);
        List<QuestionRow> questions = QuizForms.questions(form.questions(), json);
        long quizId = jdbi.inTransaction(h -> {
            QuizDao dao = h.attach(QuizDao.class);
            long id = dao.save(settings);
            dao.voidOpenAttempts(id);
            dao.deleteQuestions(id);
            if (!questions.isEmpty()) {
                dao.insertQuestions(id, questions);
            }
            return id;
        });
        keys.forget(quizId);
    }

    /** Who may not edit the course gets 403 (404 when the lesson does not exist); only QUIZ lessons. */
    private QuizLesson editableQuizLesson(PlatformUser user, long lessonId) {
        QuizLesson lesson = quizzes.lesson(lessonId).orElseThrow(() -> ApiException.notFound("no lesson " + lessonId));
        courses.editable(user, lesson.courseId());
        if (!"QUIZ".equals(lesson.kind())) {
            throw ApiException.invalid("lesson_id", "lesson " + lessonId + " is a "
                    + lesson.kind().toLowerCase(Locale.ROOT) + " lesson; only quiz lessons have a quiz");
        }
        return lesson;
    }

    private static QuizForm form(QuizKey key) {
        List<QuestionForm> questions = new ArrayList<>();
        for (Question q : key.questions()) {
            AnswerKey k = q.key();
            List<OptionForm> options = q.options().stream()
                    .map((Option o) -> new OptionForm(o.text(), k.correct() != null && k.correct().contains(o.id())))
                    .toList();
            questions.add(new QuestionForm(q.id(), q.kind().name(), q.prompt(), q.points(), q.explanation(), options,
                    k.truth(), k.value(), k.tolerance(), k.accepted(), k.caseSensitive()));
        }
        return new QuizForm(key.id(), key.lessonId(), key.version(), key.passingPercent(), key.maxAttempts(),
                key.cooldownSeconds(), key.timeLimitSeconds(), key.latePolicy().name(), key.shuffleOptions(),
                questions);
    }
}
