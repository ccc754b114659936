package org.openlearning.assessment.code;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.assessment.LessonSubmissions;
import org.openlearning.assessment.code.CodeAssignmentDao.Assignment;
import org.openlearning.assessment.code.CodeSubmissionDao.Result;
import org.openlearning.assessment.code.CodeSubmissionDao.ResultOf;
import org.openlearning.assessment.code.CodeSubmissionDao.Submission;
import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.LessonKind;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.intent.IntentQueue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Learners' code submissions: {@code POST /api/assessments/{lesson_id}/submit} of an ASSIGNMENT lesson
 * stores the program as a REQUESTED intent record and, after commit, queues job {@code grade-code}
 * (never calls the sandbox runner itself); the answer is 202 with the URL to follow the grading at.
 */
@Service
public class CodeSubmissions implements LessonSubmissions {

    /** The largest program a learner may submit, in UTF-8 bytes. */
    public static final int MAX_SOURCE_BYTES = 64 * 1024;

    static final int LISTED = 50;

    /** The 202 answer: where the submission is and where to follow it. */
    public record Accepted(long submissionId, SubmissionStatus status, String statusUrl) {
    }

    private final AssignmentLesson lessons;
    private final CodeAssignmentDao assignments;
    private final CodeSubmissionDao submissions;
    private final EnrollmentDao enrollments;
    private final CourseDao courses;
    private final IntentQueue queue;
    private final TransactionTemplate tx;
    private final Jdbi jdbi;

    CodeSubmissions(AssignmentLesson lessons, CodeAssignmentDao assignments, CodeSubmissionDao submissions,
            EnrollmentDao enrollments, CourseDao courses, IntentQueue queue, TransactionTemplate tx, Jdbi jdbi) {
        this.lessons = lessons;
        this.assignments = assignments;
        this.submissions = submissions;
        this.enrollments = enrollments;
        this.courses = courses;
        this.queue = queue;
        this.tx = tx;
        this.jdbi = jdbi;
    }

    @Override
    public LessonKind kind() {
        return LessonKind.ASSIGNMENT;
    }

    @Override
    public ResponseEntity<Accepted> submit(PlatformUser user, long lessonId, JsonNode body) {
        AssignmentLesson.Lesson lesson = lessons.get(lessonId);
        long enrollmentId = enrollmentOf(user, lesson);
        Assignment assignment = assignments.findByLesson(lessonId)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "conflict",
                        "This assignment does not take submissions yet: it has no tests", null));
        List<String> languages = assignments.languages(assignment.id()).stream()
                .map(CodeAssignmentDao.Language::language).toList();
        String language = validLanguage(body, languages);
        String source = validSource(body);
        long id = tx.execute(status -> {
            // one learner's submissions are counted under a lock on their enrollment, so that two at once
            // cannot both take the last one allowed
            jdbi.useHandle(h -> h.createQuery("SELECT id FROM enrollments WHERE id = :id FOR UPDATE")
                    .bind("id", enrollmentId).mapTo(Long.class).one());
            if (assignment.maxSubmissions() != null
                    && submissions.countOfLearner(assignment.id(), user.id()) >= assignment.maxSubmissions()) {
                throw new ApiException(HttpStatus.CONFLICT, "conflict", "You have used all "
                        + assignment.maxSubmissions() + " submissions of this assignment", null);
            }
            return submissions.insert(assignment.id(), lessonId, user.id(), enrollmentId, language, source);
        });
        // enqueued once the record is committed and its connection back in the pool (see IntentQueue.enqueue)
        queue.enqueue(GradeCodeRequest.INTENT, id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(SubmissionView.statusUrl(id)))
                .body(new Accepted(id, SubmissionStatus.REQUESTED, SubmissionView.statusUrl(id)));
    }

    /** One submission with its results: for its learner, and for the course's instructors and admins. */
    public SubmissionView view(PlatformUser user, long submissionId) {
        Submission s = submissions.findById(submissionId)
                .filter(found -> found.userId() == user.id() || user.isAdmin()
                        || courses.isInstructor(lessons.get(found.lessonId()).courseId(), user.id()))
                .orElseThrow(() -> ApiException.notFound("No such submission"));
        return SubmissionView.of(s, submissions.results(s.id()), true);
    }

    /** The learner's own submissions to an assignment lesson, newest first, without sources. */
    public List<SubmissionView> mine(PlatformUser user, long lessonId) {
        AssignmentLesson.Lesson lesson = AssignmentLesson.requireAssignment(lessons.get(lessonId));
        enrollmentOf(user, lesson);
        return assignments.findByLesson(lessonId).map(a -> {
            List<Submission> listed = submissions.ofLearner(a.id(), user.id(), LISTED);
            Map<Long, List<Result>> results = submissions.resultsOf(listed.stream().mapToLong(Submission::id).toArray())
                    .stream().collect(Collectors.groupingBy(ResultOf::submissionId,
                            Collectors.mapping(ResultOf::result, Collectors.toList())));
            return listed.stream().map(s -> SubmissionView.of(s, results.getOrDefault(s.id(), List.of()), false))
                    .toList();
        }).orElse(List.of());
    }

    /** The learner's active enrollment in the lesson's course: 404 if they cannot see it, 403 if not enrolled. */
    long enrollmentOf(PlatformUser user, AssignmentLesson.Lesson lesson) {
        boolean staff = user.isAdmin() || courses.isInstructor(lesson.courseId(), user.id());
        if (!staff && !"PUBLISHED".equals(lesson.courseStatus())) {
            throw ApiException.notFound("No such lesson");
        }
        return enrollments.find(user.id(), lesson.courseId())
                .filter(e -> !"WITHDRAWN".equals(e.status()))
                .map(EnrollmentDao.EnrollmentRow::id)
                .orElseThrow(() -> ApiException.forbidden("Enroll in " + lesson.courseTitle()
                        + " to submit programs to its assignments"));
    }

    private static String validLanguage(JsonNode body, List<String> languages) {
        JsonNode node = body.path("language");
        String allowed = languages.stream().collect(Collectors.joining(", "));
        if (!node.isString() || node.asString().isBlank()) {
            throw ApiException.invalid("language", "language is required: one of " + allowed);
        }
        String language = CodeLanguage.of(node.asString()).map(CodeLanguage::id).orElse(null);
        if (language == null || !languages.contains(language)) {
            throw ApiException.invalid("language", "'" + node.asString() + "' is not a language of this "
                    + "assignment: choose one of " + allowed);
        }
        return language;
    }

    private static String validSource(JsonNode body) {
        JsonNode node = body.path("source");
        if (!node.isString() || node.asString().isBlank()) {
            throw ApiException.invalid("source", "source is required: the program to grade");
        }
        String source = node.asString();
        if (source.indexOf('\u0000') >= 0) {
            throw ApiException.invalid("source", "source must be text (it contains a NUL character)");
        }
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOURCE_BYTES) {
            throw ApiException.invalid("source", "source is " + bytes + " bytes; a program is at most "
                    + MAX_SOURCE_BYTES / 1024 + " KB");
        }
        return source;
    }
}
