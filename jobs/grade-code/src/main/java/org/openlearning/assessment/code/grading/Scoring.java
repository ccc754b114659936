package org.openlearning.assessment.code.grading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openlearning.assessment.code.CodeAssignmentDao.Assignment;
import org.openlearning.assessment.code.CodeAssignmentDao.CodeTest;
import org.openlearning.assessment.code.CodeSubmissionDao.Result;
import org.openlearning.assessment.code.CodeSubmissionDao.Submission;
import org.openlearning.assessment.code.Verdict;
import org.openlearning.assessment.code.grading.RunnerProtocol.Limits;
import org.openlearning.assessment.code.grading.RunnerProtocol.RunRequest;
import org.openlearning.assessment.code.grading.RunnerProtocol.RunResult;
import org.openlearning.assessment.code.grading.RunnerProtocol.TestCase;
import org.openlearning.assessment.code.grading.RunnerProtocol.TestResult;

/**
 * The pure part of grading: the runner request of a submission, and its grade from the runner's answer.
 * A test scores its points when ACCEPTED; a submission passes with at least the assignment's passing
 * share of the points. What learners may see of a hidden test is only its verdict.
 */
final class Scoring {

    static final int STDOUT_EXCERPT = 2000;
    static final int STDERR_EXCERPT = 2000;
    static final int MESSAGE_EXCERPT = 500;
    static final int COMPILE_EXCERPT = 8000;

    /** A submission's grade, as stored. */
    record Grade(String compileStatus, String compileMessage, int score, int maxScore, boolean passed,
            List<Result> results) {
    }

    private Scoring() {
    }

    static String runnerId(CodeTest test) {
        return "t" + test.id();
    }

    static RunRequest request(Submission submission, Assignment assignment, List<CodeTest> tests) {
        List<TestCase> cases = tests.stream().map(t -> new TestCase(runnerId(t), t.stdin(), t.expectedStdout(),
                t.compareMode().name().toLowerCase(Locale.ROOT), t.tolerance())).toList();
        return new RunRequest(submission.language(), submission.source(),
                new Limits(assignment.timeLimitMs(), assignment.timeLimitMs(), assignment.memoryMb()), cases);
    }

    static Grade grade(List<CodeTest> tests, RunResult run, int passingPercent) {
        Map<String, TestResult> byId = new HashMap<>();
        for (TestResult r : run.tests()) {
            if (r.id() != null) {
                byId.putIfAbsent(r.id(), r);
            }
        }
        List<Result> results = new ArrayList<>();
        int score = 0;
        int maxScore = 0;
        boolean allAccepted = true;
        for (CodeTest test : tests) {
            TestResult r = byId.get(runnerId(test));
            Verdict verdict = verdictOf(r);
            int points = verdict.passed() ? test.points() : 0;
            score += points;
            maxScore += test.points();
            allAccepted &= verdict.passed();
            String message = r == null ? "The grader returned no verdict for this test."
                    : r.verdict() != null && verdict.name().equals(r.verdict()) ? r.message()
                    : "The grader returned an unknown verdict (" + r.verdict() + ").";
            boolean hidden = test.hidden();
            results.add(new Result(test.id(), test.position(), test.name(), hidden, verdict, points, test.points(),
                    r == null ? null : toInt(r.wallMs()), r == null ? null : toInt(r.cpuMs()),
                    r == null ? null : r.exitCode(),
                    hidden || r == null ? null : excerpt(r.stdout(), STDOUT_EXCERPT),
                    hidden || r == null ? null : excerpt(r.stderr(), STDERR_EXCERPT),
                    hidden ? null : excerpt(message, MESSAGE_EXCERPT)));
        }
        boolean passed = maxScore > 0 ? (long) score * 100 >= (long) passingPercent * maxScore : allAccepted;
        String compileStatus = run.compile() == null || run.compile().status() == null ? null
                : switch (run.compile().status().toLowerCase(Locale.ROOT)) {
                    case "ok" -> "OK";
                    case "error" -> "ERROR";
                    default -> "SKIPPED";
                };
        String compileMessage = run.compile() == null ? null : excerpt(run.compile().message(), COMPILE_EXCERPT);
        return new Grade(compileStatus, compileMessage, score, maxScore, passed, results);
    }

    private static Verdict verdictOf(TestResult r) {
        if (r == null || r.verdict() == null) {
            return Verdict.RUNTIME_ERROR;
        }
        try {
            return Verdict.valueOf(r.verdict());
        } catch (IllegalArgumentException e) {
            return Verdict.RUNTIME_ERROR;
        }
    }

    /**
     * At most {@code max} characters, cut at the end with a mark; null and empty stay null. NUL characters
     * (which a program may print, and PostgreSQL text cannot hold) become U+FFFD.
     */
    static String excerpt(String raw, int max) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String text = raw.replace('\u0000', '\uFFFD');
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\n… (cut)";
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }
}
