package org.openlearning.assessment.code;

import java.time.Instant;
import java.util.List;

import org.openlearning.assessment.code.CodeSubmissionDao.Result;
import org.openlearning.assessment.code.CodeSubmissionDao.Submission;

/**
 * A code submission as its learner sees it. Of a hidden test only its name, points and whether it
 * passed are shown: never its input, expected output, the program's output or the exact verdict.
 *
 * @param finished GRADED or FAILED: nothing changes any more
 * @param source   only in the view of one submission, not in lists
 */
public record SubmissionView(long submissionId, long lessonId, String language, SubmissionStatus status,
        String statusDetail, String failureReason, boolean finished, Integer score, Integer maxScore,
        Boolean passed, String compileStatus, String compileMessage, Instant createdAt, Instant gradedAt,
        String statusUrl, String source, List<TestView> tests) {

    /**
     * One test's result. {@code verdict} is the runner's (ACCEPTED, WRONG_ANSWER, TIME_LIMIT …) for a
     * visible test and PASSED or FAILED for a hidden one.
     */
    public record TestView(int position, String name, boolean hidden, String verdict, boolean passed, int points,
            int maxPoints, Integer timeMs, Integer exitCode, String stdout, String stderr, String message) {

        static TestView of(Result r) {
            if (r.hidden()) {
                return new TestView(r.position(), r.testName(), true, r.verdict().passed() ? "PASSED" : "FAILED",
                        r.verdict().passed(), r.points(), r.maxPoints(), null, null, null, null, null);
            }
            return new TestView(r.position(), r.testName(), false, r.verdict().name(), r.verdict().passed(),
                    r.points(), r.maxPoints(), r.wallMs(), r.exitCode(), r.stdoutExcerpt(), r.stderrExcerpt(),
                    r.message());
        }
    }

    public static String statusUrl(long submissionId) {
        return "/api/code-submissions/" + submissionId;
    }

    static SubmissionView of(Submission s, List<Result> results, boolean withSource) {
        return new SubmissionView(s.id(), s.lessonId(), s.language(), s.status(), s.statusDetail(),
                s.failureReason(), s.status().finished(), s.score(), s.maxScore(), s.passed(), s.compileStatus(),
                s.compileMessage(), s.createdAt(), s.gradedAt(), statusUrl(s.id()), withSource ? s.source() : null,
                results.stream().map(TestView::of).toList());
    }
}
