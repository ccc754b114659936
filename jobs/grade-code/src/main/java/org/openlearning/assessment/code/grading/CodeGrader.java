package org.openlearning.assessment.code.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.assessment.code.CodeAssignmentDao;
import org.openlearning.assessment.code.CodeAssignmentDao.Assignment;
import org.openlearning.assessment.code.CodeAssignmentDao.CodeTest;
import org.openlearning.assessment.code.CodeSubmissionDao;
import org.openlearning.assessment.code.CodeSubmissionDao.Submission;
import org.openlearning.assessment.code.GradeCodeHandler;
import org.openlearning.assessment.code.grading.RunnerProtocol.RunRequest;
import org.openlearning.assessment.code.grading.RunnerProtocol.RunResult;
import org.openlearning.assessment.code.grading.Scoring.Grade;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code grade-code} job (DESIGN.md §5 "Assessments"): re-reads the submission, sends it to the
 * sandbox runner, and stores every test's verdict, the score and pass/fail in one transaction; a
 * passing submission completes its lesson in that same transaction (through {@link ProgressWriter},
 * which also recomputes the course's completion).
 *
 * <p>Safe to run twice: a finished submission is left alone, and storing the grade is conditional on
 * the submission not being finished, so of two runs racing only one stores anything. A busy or
 * unreachable runner is asked again for {@link SandboxSettings#busyWait()}, then the run throws so that
 * JobRunr runs it again later; the learner reads "waiting for a free grader" meanwhile, not a failure.
 */
@Component
class CodeGrader implements GradeCodeHandler {

    static final String RUNNING = "Running your program against the tests";
    static final String WAITING = "Waiting for a free grader; your submission is kept and will run shortly";
    static final String RETRYING = "The graders are busy; your submission is kept and will be retried in a moment";

    private static final Logger log = LoggerFactory.getLogger(CodeGrader.class);

    private final CodeSubmissionDao submissions;
    private final CodeAssignmentDao assignments;
    private final SandboxClient sandbox;
    private final SandboxSettings settings;
    private final ProgressWriter progress;
    private final Jdbi jdbi;

    CodeGrader(CodeSubmissionDao submissions, CodeAssignmentDao assignments, SandboxClient sandbox,
            SandboxSettings settings, ProgressWriter progress, Jdbi jdbi) {
        this.submissions = submissions;
        this.assignments = assignments;
        this.sandbox = sandbox;
        this.settings = settings;
        this.progress = progress;
        this.jdbi = jdbi;
    }

    @Override
    public void grade(long submissionId) throws Exception {
        Optional<Integer> started = submissions.startRun(submissionId, RUNNING);
        if (started.isEmpty()) {
            log.info("code submission {} is graded, failed or unknown; nothing to do", submissionId);
            return;
        }
        int run = started.get();
        Submission submission = submissions.findById(submissionId).orElseThrow();
        if (run > settings.maxRuns()) {
            submissions.fail(submissionId, "Grading stopped " + (run - 1) + " times before it could finish. "
                    + "Please submit again.");
            return;
        }
        Assignment assignment = assignments.findById(submission.assignmentId()).orElseThrow();
        List<CodeTest> tests = assignments.tests(assignment.id());
        if (tests.isEmpty()) {
            submissions.fail(submissionId, "This assignment has no tests yet, so your submission cannot be "
                    + "graded. Please tell the course staff.");
            return;
        }
        RunRequest request = Scoring.request(submission, assignment, tests);
        RunResult result;
        try {
            result = askRunner(submissionId, request, timeout(assignment, tests));
        } catch (SandboxException e) {
            if (!e.retryable()) {
                log.warn("code submission {} refused by the runner: {}", submissionId, e.getMessage());
                submissions.fail(submissionId, "The grader refused this submission: " + e.getMessage());
                return;
            }
            if (run >= settings.maxRuns()) {
                log.warn("code submission {} given up after {} runs: {}", submissionId, run, e.getMessage());
                submissions.fail(submissionId, "The graders stayed busy or unreachable for too long, so your "
                        + "submission could not be graded. Please submit again later.");
                return;
            }
            submissions.waiting(submissionId, RETRYING);
            throw new IllegalStateException("code submission " + submissionId + ", run " + run + ": "
                    + e.getMessage() + "; JobRunr runs it again later", e);
        }
        Grade grade = Scoring.grade(tests, result, assignment.passingPercent());
        boolean stored = store(submission, grade);
        log.info("code submission {} {}: {}/{} points, {}", submissionId, stored ? "graded" : "was already graded",
                grade.score(), grade.maxScore(), grade.passed() ? "passed" : "not passed");
    }

    /** Asks the runner, waiting out a busy or unreachable runner for up to {@code busyWait}. */
    private RunResult askRunner(long submissionId, RunRequest request, Duration timeout)
            throws SandboxException, InterruptedException {
        long deadline = System.nanoTime() + settings.busyWait().toNanos();
        while (true) {
            try {
                return sandbox.run(request, timeout);
            } catch (SandboxException e) {
                long left = deadline - System.nanoTime();
                if (!e.retryable() || left <= 0) {
                    throw e;
                }
                Duration pause = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
                // a little jitter, so that the jobs a full runner turned away do not all come back at once
                long millis = Math.min(pause.toMillis() + ThreadLocalRandom.current().nextLong(250),
                        Math.max(1, left / 1_000_000));
                submissions.waiting(submissionId, WAITING);
                Thread.sleep(millis);
                submissions.running(submissionId, RUNNING);
            }
        }
    }

    private Duration timeout(Assignment assignment, List<CodeTest> tests) {
        // compiling, then each test within its limit, and the runner's queue: all within one request
        return settings.requestTimeout().plusMillis((long) assignment.timeLimitMs() * (tests.size() + 2));
    }

    /** The grade, every result and (when passed) the lesson's completion, in one transaction. */
    private boolean store(Submission submission, Grade grade) {
        AtomicReference<ProgressWriter.Applied> completed = new AtomicReference<>();
        boolean stored = jdbi.inTransaction(handle -> {
            CodeSubmissionDao dao = handle.attach(CodeSubmissionDao.class);
            if (dao.grade(submission.id(), grade.compileStatus(), grade.compileMessage(), grade.score(),
                    grade.maxScore(), grade.passed()) == 0) {
                return false;
            }
            dao.insertResults(submission.id(), grade.results());
            if (grade.passed()) {
                completed.set(progress.apply(handle, List.of(new ProgressEvent(submission.enrollmentId(),
                        submission.lessonId(), 0, true, System.currentTimeMillis()))));
            }
            return true;
        });
        progress.announce(completed.get()); // committed: a completed course's certificate request goes out now
        return stored;
    }
}
