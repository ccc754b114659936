package org.openlearning.assessment.code;

import java.util.List;

import org.openlearning.assessment.code.CodeAssignmentDao.Assignment;
import org.openlearning.assessment.code.CodeAssignmentDao.CodeTest;
import org.openlearning.catalog.CourseDao;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;

/**
 * What a learner's assignment page shows: the languages with their starter code, the visible tests as
 * examples, how many hidden tests there are, the passing score and the submissions left.
 */
@Service
public class LearnerAssignment {

    public record Language(String id, String label, String starterCode) {
    }

    public record Example(int position, String name, String stdin, String expectedStdout, String compareMode,
            int points) {
    }

    /**
     * @param enrollmentId     null for staff previewing without an enrollment (they cannot submit)
     * @param submissionsLeft  null: unlimited
     */
    public record View(long lessonId, String title, String statement, String courseTitle, String courseSlug,
            Long enrollmentId, boolean configured, List<Language> languages, List<Example> examples,
            int hiddenTests, int totalPoints, int passingPercent, Integer maxSubmissions, int submissionsUsed,
            Integer submissionsLeft, int timeLimitMs, int memoryMb, boolean passed) {
    }

    private final AssignmentLesson lessons;
    private final CodeAssignmentDao assignments;
    private final CodeSubmissionDao submissions;
    private final CodeSubmissions codeSubmissions;
    private final CourseDao courses;

    LearnerAssignment(AssignmentLesson lessons, CodeAssignmentDao assignments, CodeSubmissionDao submissions,
            CodeSubmissions codeSubmissions, CourseDao courses) {
        this.lessons = lessons;
        this.assignments = assignments;
        this.submissions = submissions;
        this.codeSubmissions = codeSubmissions;
        this.courses = courses;
    }

    public View view(PlatformUser user, long lessonId) {
        AssignmentLesson.Lesson lesson = AssignmentLesson.requireAssignment(lessons.get(lessonId));
        Long enrollmentId;
        try {
            enrollmentId = codeSubmissions.enrollmentOf(user, lesson);
        } catch (ApiException e) {
            boolean staff = user.isAdmin() || courses.isInstructor(lesson.courseId(), user.id());
            if (!staff) {
                throw e;
            }
            enrollmentId = null;
        }
        Assignment a = assignments.findByLesson(lessonId).orElse(null);
        if (a == null) {
            return new View(lesson.id(), lesson.title(), lesson.body(), lesson.courseTitle(), lesson.courseSlug(),
                    enrollmentId, false, List.of(), List.of(), 0, 0, 100, null, 0, null, 0, 0, false);
        }
        List<CodeTest> tests = assignments.tests(a.id());
        List<Language> languages = assignments.languages(a.id()).stream()
                .map(l -> new Language(l.language(), CodeLanguage.of(l.language()).map(CodeLanguage::label)
                        .orElse(l.language()), l.starterCode()))
                .toList();
        List<Example> examples = tests.stream().filter(t -> !t.hidden())
                .map(t -> new Example(t.position(), t.name(), t.stdin(), t.expectedStdout(), t.compareMode().name(),
                        t.points()))
                .toList();
        int used = submissions.countOfLearner(a.id(), user.id());
        boolean passed = submissions.hasPassed(a.id(), user.id());
        return new View(lesson.id(), lesson.title(), lesson.body(), lesson.courseTitle(), lesson.courseSlug(),
                enrollmentId, !tests.isEmpty() && !languages.isEmpty(), languages, examples,
                (int) tests.stream().filter(CodeTest::hidden).count(), tests.stream().mapToInt(CodeTest::points).sum(),
                a.passingPercent(), a.maxSubmissions(), used,
                a.maxSubmissions() == null ? null : Math.max(0, a.maxSubmissions() - used), a.timeLimitMs(),
                a.memoryMb(), passed);
    }
}
