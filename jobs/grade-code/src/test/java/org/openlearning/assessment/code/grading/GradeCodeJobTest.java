package org.openlearning.assessment.code.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openlearning.assessment.code.CodeAssignmentDao;
import org.openlearning.assessment.code.CodeSubmissionDao;
import org.openlearning.assessment.code.CodeSubmissionDao.Result;
import org.openlearning.assessment.code.CodeSubmissionDao.Submission;
import org.openlearning.assessment.code.SubmissionStatus;
import org.openlearning.assessment.code.Verdict;
import org.openlearning.progress.ProgressWriter;
import org.openlearning.testing.SandboxProcess;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The grade-code job against the real sandbox runner (runsc) and PostgreSQL, called as JobRunr calls
 * it. The runner here has ONE sandbox and no queue, so any two runs at once make it answer 429.
 */
@SpringBootTest(classes = GradeCodeTestApplication.class)
class GradeCodeJobTest {

    static final TestStack.Env ENV = TestStack.create("grade_code");
    static SandboxProcess runner;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) throws Exception {
        ENV.register(registry);
        runner = SandboxProcess.start("grade-code-runner", 1, 0);
        registry.add("platform.sandbox.url", runner::url);
        registry.add("platform.sandbox.secret-file", () -> runner.secretFile().toString());
        registry.add("platform.sandbox.busy-wait", () -> "120s");
    }

    @AfterAll
    static void stopRunner() throws InterruptedException {
        runner.close();
    }

    @Autowired
    CodeGrader job;
    @Autowired
    CodeSubmissionDao submissions;
    @Autowired
    CodeAssignmentDao assignments;
    @Autowired
    SandboxSettings settings;
    @Autowired
    ProgressWriter progress;
    @Autowired
    Jdbi jdbi;

    private Submission submission(long id) {
        return submissions.findById(id).orElseThrow();
    }

    private List<Result> results(long id) {
        return submissions.results(id);
    }

    private boolean lessonCompleted(AssignmentFixture f, int learner) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT completed FROM progress WHERE enrollment_id = :e AND lesson_id = :l")
                .bind("e", f.enrollments().get(learner)).bind("l", f.lessonId()).mapTo(Boolean.class).findOne()
                .orElse(false));
    }

    /** A grader like the job's, with other settings (how long it waits for a busy runner, where the runner is). */
    private CodeGrader grader(String url, Duration busyWait, int maxRuns) {
        SandboxSettings custom = new SandboxSettings(URI.create(url), null, runner.secretFile(),
                Duration.ofSeconds(1), settings.requestTimeout(), busyWait, maxRuns);
        return new CodeGrader(submissions, assignments, new SandboxClient(custom), custom, progress, jdbi);
    }

    @Test
    void anAcceptedSubmissionIsGradedPerTestAndCompletesTheLesson() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);

        job.grade(id);

        Submission s = submission(id);
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.score()).isEqualTo(4);
        assertThat(s.maxScore()).isEqualTo(4);
        assertThat(s.passed()).isTrue();
        assertThat(s.runs()).isEqualTo(1);
        assertThat(s.statusDetail()).isNull();
        assertThat(s.gradedAt()).isNotNull();
        List<Result> results = results(id);
        assertThat(results).extracting(Result::verdict).containsOnly(Verdict.ACCEPTED).hasSize(3);
        assertThat(results.get(0).stdoutExcerpt()).isEqualTo("3\n");
        assertThat(results.get(0).wallMs()).isNotNull();
        Result hidden = results.get(2);
        assertThat(hidden.hidden()).isTrue();
        assertThat(hidden.stdoutExcerpt()).as("no output of a hidden test is kept").isNull();
        assertThat(hidden.message()).isNull();
        assertThat(hidden.points()).isEqualTo(2);
        // passing completed the lesson, and the course's completion was recomputed in the same transaction
        assertThat(lessonCompleted(f, 0)).isTrue();
        double percent = jdbi.withHandle(h -> h.createQuery("SELECT completion_percent FROM enrollments WHERE id = :e")
                .bind("e", f.enrollments().get(0)).mapTo(Double.class).one());
        assertThat(percent).isEqualTo(50.0);
    }

    @Test
    void aWrongAnswerOnTheHiddenTestScoresOnlyTheVisibleOnesAndDoesNotPass() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SMALL_ONLY);

        job.grade(id);

        Submission s = submission(id);
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.score()).isEqualTo(2);
        assertThat(s.maxScore()).isEqualTo(4);
        assertThat(s.passed()).isFalse();
        assertThat(results(id)).extracting(Result::verdict)
                .containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.WRONG_ANSWER);
        assertThat(results(id).get(2).points()).isZero();
        assertThat(lessonCompleted(f, 0)).as("a submission that does not pass completes nothing").isFalse();
    }

    @Test
    void aCompileErrorIsStoredForEveryTestWithTheCompilerMessage() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "cpp", AssignmentFixture.CPP_BROKEN);

        job.grade(id);

        Submission s = submission(id);
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.compileStatus()).isEqualTo("ERROR");
        assertThat(s.compileMessage()).isNotBlank();
        assertThat(s.score()).isZero();
        assertThat(s.passed()).isFalse();
        assertThat(results(id)).extracting(Result::verdict).containsOnly(Verdict.COMPILE_ERROR).hasSize(3);
    }

    @Test
    void javaAndJavaScriptProgramsAreGradedToo() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 2);
        long java = f.submit(0, "java", AssignmentFixture.JAVA_SUM);
        long js = f.submit(1, "javascript", AssignmentFixture.JAVASCRIPT_SUM);

        job.grade(java);
        job.grade(js);

        assertThat(submission(java).compileStatus()).isEqualTo("OK");
        assertThat(results(java)).extracting(Result::verdict).containsOnly(Verdict.ACCEPTED).hasSize(3);
        assertThat(submission(java).passed()).isTrue();
        assertThat(results(js)).extracting(Result::verdict).containsOnly(Verdict.ACCEPTED).hasSize(3);
        assertThat(submission(js).passed()).isTrue();
    }

    @Test
    void aSecondRunOfAGradedSubmissionChangesNothing() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);
        job.grade(id);
        Submission first = submission(id);
        List<Result> firstResults = results(id);

        job.grade(id);

        Submission second = submission(id);
        assertThat(second.updatedAt()).isEqualTo(first.updatedAt());
        assertThat(second.runs()).isEqualTo(1);
        assertThat(results(id)).isEqualTo(firstResults);
    }

    @Test
    void aRunAfterAWorkerDiedMidJobGradesTheSubmissionOnce() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);
        // what a worker killed while the runner ran the tests leaves behind: RUNNING, one run, no results
        jdbi.useHandle(h -> h.execute("UPDATE code_submissions SET status = 'RUNNING', runs = 1 WHERE id = ?", id));

        job.grade(id);

        Submission s = submission(id);
        assertThat(s.status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(s.runs()).isEqualTo(2);
        assertThat(results(id)).hasSize(3);
        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM code_test_results WHERE submission_id = :id")
                .bind("id", id).mapTo(Long.class).one());
        assertThat(rows).isEqualTo(3);
    }

    @Test
    void twoRunsOfOneSubmissionAtOnceStoreOneGrade() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);

        // an orphaned job's retry racing the original run: both ask the runner, one stores
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> grade(job, id));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> grade(job, id));
        CompletableFuture.allOf(a, b).get(3, TimeUnit.MINUTES);

        assertThat(submission(id).status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(results(id)).hasSize(3);
        long completions = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM progress WHERE enrollment_id = :e AND completed").bind("e", f.enrollments().get(0))
                .mapTo(Long.class).one());
        assertThat(completions).isEqualTo(1);
    }

    @Test
    void submissionsTurnedAwayByAFullRunnerAreWaitedOutAndAllGraded() throws Exception {
        int count = 6;
        AssignmentFixture f = AssignmentFixture.create(jdbi, count);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(f.submit(i, "python", i % 2 == 0 ? AssignmentFixture.PYTHON_SUM : AssignmentFixture.PYTHON_SMALL_ONLY));
        }
        double rejectedBefore = runner.rejected();

        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (long id : ids) {
                runs.add(pool.submit(() -> grade(job, id)));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(runner.rejected()).as("the runner turned some away with 429").isGreaterThan(rejectedBefore);
        assertThat(runner.maxActive()).as("the runner's pool never ran more than its one sandbox").isEqualTo(1);
        for (int i = 0; i < count; i++) {
            Submission s = submission(ids.get(i));
            assertThat(s.status()).as("submission %d", i).isEqualTo(SubmissionStatus.GRADED);
            assertThat(s.passed()).isEqualTo(i % 2 == 0);
            assertThat(results(ids.get(i))).hasSize(3);
        }
    }

    @Test
    void aRunnerStillBusyAfterTheWaitHandsTheSubmissionBackToJobRunrAndTheLastRunFailsIt() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 2);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);
        long last = f.submit(1, "python", AssignmentFixture.PYTHON_SUM);
        jdbi.useHandle(h -> h.execute("UPDATE code_submissions SET runs = 2 WHERE id = ?", last));
        CodeGrader impatient = grader(runner.url(), Duration.ofMillis(500), 3);

        CompletableFuture<HttpResponse<String>> slow = occupyTheRunner(6);
        try {
            assertThatThrownBy(() -> impatient.grade(id)).as("thrown, so that JobRunr runs it again later")
                    .hasMessageContaining("JobRunr runs it again later");
            Submission waiting = submission(id);
            assertThat(waiting.status()).isEqualTo(SubmissionStatus.QUEUED);
            assertThat(waiting.statusDetail()).isEqualTo(CodeGrader.RETRYING);
            assertThat(waiting.failureReason()).isNull();

            impatient.grade(last);
            Submission failed = submission(last);
            assertThat(failed.status()).as("its third and last run").isEqualTo(SubmissionStatus.FAILED);
            assertThat(failed.failureReason()).contains("busy or unreachable", "submit again");
        } finally {
            assertThat(slow.get(1, TimeUnit.MINUTES).statusCode()).isEqualTo(200);
        }

        // JobRunr's next run, once the runner is free, grades it
        impatient.grade(id);
        assertThat(submission(id).status()).isEqualTo(SubmissionStatus.GRADED);
        assertThat(results(id)).hasSize(3);
    }

    @Test
    void anUnreachableRunnerIsNotAFailureOfTheSubmission() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        assertThatThrownBy(() -> grader("http://127.0.0.1:" + closed, Duration.ofMillis(300), 8).grade(id))
                .hasMessageContaining("did not answer");

        Submission s = submission(id);
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(s.statusDetail()).isEqualTo(CodeGrader.RETRYING);
        assertThat(results(id)).isEmpty();
    }

    @Test
    void aSubmissionOfAnAssignmentWithoutTestsFailsWithAReason() throws Exception {
        AssignmentFixture f = AssignmentFixture.create(jdbi, 1);
        jdbi.useHandle(h -> h.execute("DELETE FROM code_tests WHERE assignment_id = ?", f.assignmentId()));
        long id = f.submit(0, "python", AssignmentFixture.PYTHON_SUM);

        job.grade(id);

        assertThat(submission(id).status()).isEqualTo(SubmissionStatus.FAILED);
        assertThat(submission(id).failureReason()).contains("no tests");
    }

    /** Keeps the runner's one sandbox busy for about {@code seconds}, straight through its API. */
    private CompletableFuture<HttpResponse<String>> occupyTheRunner(int seconds) throws Exception {
        String body = """
                {"language": "python", "source": "import time\\ntime.sleep(%d)\\nprint(1)\\n",
                 "limits": {"wall_ms": %d, "cpu_ms": 5000},
                 "tests": [{"id": "slow", "stdin": "", "expected_stdout": "1\\n"}]}
                """.formatted(seconds, (seconds + 5) * 1000);
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(runner.url() + "/v1/runs"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + runner.secret())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (runner.active() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the slow run never started: " + runner.health());
            }
            Thread.sleep(50);
        }
        return response;
    }

    private static void grade(CodeGrader grader, long id) {
        try {
            grader.grade(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
