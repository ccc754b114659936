package org.openlearning.assessment.code.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openlearning.assessment.code.CodeAssignmentDao.Assignment;
import org.openlearning.assessment.code.CodeAssignmentDao.CodeTest;
import org.openlearning.assessment.code.CodeSubmissionDao.Result;
import org.openlearning.assessment.code.CodeSubmissionDao.Submission;
import org.openlearning.assessment.code.CompareMode;
import org.openlearning.assessment.code.SubmissionStatus;
import org.openlearning.assessment.code.Verdict;
import org.openlearning.assessment.code.grading.RunnerProtocol.Compile;
import org.openlearning.assessment.code.grading.RunnerProtocol.RunResult;
import org.openlearning.assessment.code.grading.RunnerProtocol.TestResult;

class ScoringTest {

    private static final List<CodeTest> TESTS = List.of(
            new CodeTest(11, 1, "visible", "1 2\n", "3\n", CompareMode.TRIMMED, null, false, 1),
            new CodeTest(12, 2, "numeric", "1 3\n", "0.333\n", CompareMode.NUMERIC, 1e-3, false, 1),
            new CodeTest(13, 3, "hidden", "big\n", "huge\n", CompareMode.EXACT, null, true, 2));

    private static TestResult result(String id, String verdict, String stdout) {
        return new TestResult(id, verdict, 0, null, 40L, 30L, stdout, "warning", "detail of " + id);
    }

    private static RunResult run(String compile, TestResult... results) {
        return new RunResult(new Compile(compile, compile.equals("error") ? "main.cpp:1: error" : "", 10L),
                List.of(results), 100L);
    }

    @Test
    void acceptedTestsScoreTheirPointsAndPassingNeedsTheShare() {
        RunResult run = run("ok", result("t11", "ACCEPTED", "3\n"), result("t12", "WRONG_ANSWER", "0.5\n"),
                result("t13", "ACCEPTED", "huge\n"));

        Scoring.Grade at75 = Scoring.grade(TESTS, run, 75);
        Scoring.Grade at80 = Scoring.grade(TESTS, run, 80);

        assertThat(at75.score()).isEqualTo(3);
        assertThat(at75.maxScore()).isEqualTo(4);
        assertThat(at75.passed()).isTrue();
        assertThat(at80.passed()).isFalse();
        assertThat(at75.compileStatus()).isEqualTo("OK");
        assertThat(at75.results()).extracting(Result::verdict)
                .containsExactly(Verdict.ACCEPTED, Verdict.WRONG_ANSWER, Verdict.ACCEPTED);
        assertThat(at75.results()).extracting(Result::points).containsExactly(1, 0, 2);
    }

    @Test
    void nothingOfAHiddenTestsOutputIsKept() {
        Scoring.Grade grade = Scoring.grade(TESTS, run("ok", result("t11", "ACCEPTED", "3\n"),
                result("t12", "ACCEPTED", "0.333\n"), result("t13", "RUNTIME_ERROR", "the secret input: big")), 100);

        Result hidden = grade.results().get(2);
        assertThat(hidden.hidden()).isTrue();
        assertThat(hidden.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(hidden.stdoutExcerpt()).isNull();
        assertThat(hidden.stderrExcerpt()).isNull();
        assertThat(hidden.message()).isNull();
        assertThat(grade.results().get(0).stdoutExcerpt()).isEqualTo("3\n");
        assertThat(grade.results().get(0).stderrExcerpt()).isEqualTo("warning");
    }

    @Test
    void aTestTheRunnerGaveNoOrAnUnknownVerdictFails() {
        Scoring.Grade grade = Scoring.grade(TESTS, run("ok", result("t11", "ACCEPTED", "3\n"),
                result("t12", "SOMETHING_NEW", "")), 50);

        assertThat(grade.results().get(1).verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(grade.results().get(1).message()).contains("unknown verdict");
        assertThat(grade.results().get(2).verdict()).as("missing from the answer").isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(grade.score()).isEqualTo(1);
        assertThat(grade.passed()).isFalse();
    }

    @Test
    void aCompileErrorKeepsTheCompilerMessage() {
        Scoring.Grade grade = Scoring.grade(TESTS, run("error", result("t11", "COMPILE_ERROR", ""),
                result("t12", "COMPILE_ERROR", ""), result("t13", "COMPILE_ERROR", "")), 100);

        assertThat(grade.compileStatus()).isEqualTo("ERROR");
        assertThat(grade.compileMessage()).isEqualTo("main.cpp:1: error");
        assertThat(grade.score()).isZero();
    }

    @Test
    void longOutputIsCutAndNulCharactersReplaced() {
        String excerpt = Scoring.excerpt("a\u0000b" + "x".repeat(5000), 100);

        assertThat(excerpt).startsWith("a\uFFFDb").endsWith("… (cut)").doesNotContain("\u0000");
        assertThat(excerpt.length()).isLessThan(120);
        assertThat(Scoring.excerpt("", 10)).isNull();
        assertThat(Scoring.excerpt(null, 10)).isNull();
    }

    @Test
    void theRunnerRequestCarriesTheTestsAndTheAssignmentsLimits() {
        Submission s = new Submission(1, 2, 3, 4, 5, "python", "print(3)", SubmissionStatus.RUNNING, null, null, 1,
                null, null, null, null, null, Instant.now(), Instant.now(), null);
        Assignment a = new Assignment(2, 3, 100, null, 2000, 128, Instant.now());

        RunnerProtocol.RunRequest request = Scoring.request(s, a, TESTS);

        assertThat(request.language()).isEqualTo("python");
        assertThat(request.limits().wallMs()).isEqualTo(2000);
        assertThat(request.limits().memoryMb()).isEqualTo(128);
        assertThat(request.tests()).extracting(RunnerProtocol.TestCase::id).containsExactly("t11", "t12", "t13");
        assertThat(request.tests()).extracting(RunnerProtocol.TestCase::compare)
                .containsExactly("trimmed", "numeric", "exact");
        assertThat(request.tests().get(1).tolerance()).isEqualTo(1e-3);
    }
}
