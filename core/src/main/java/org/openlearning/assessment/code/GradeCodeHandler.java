package org.openlearning.assessment.code;

/**
 * Implemented by the grade-code job module: send one submission to the sandbox runner and store its
 * grade. Runs on the workers only, through {@link GradeCodeRequestHandler}. Throws to have JobRunr run
 * it again later (the runner is busy or unreachable); a submission that cannot be graded ends FAILED.
 */
public interface GradeCodeHandler {

    void grade(long submissionId) throws Exception;
}
