package org.openlearning.assessment.code;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The JobRunr handler of {@link GradeCodeRequest}; the work is done by the {@link GradeCodeHandler} of
 * the grade-code job module (the web app, which only enqueues, has none). Retries are for a busy or
 * unreachable runner; the handler itself gives a submission up as FAILED after its last run.
 */
@Component
public class GradeCodeRequestHandler implements JobRequestHandler<GradeCodeRequest> {

    /** JobRunr's retries of one submission's job; with its back-off (3 s, 9 s, 27 s …) about an hour in all. */
    public static final int RETRIES = 7;

    private final ObjectProvider<GradeCodeHandler> handler;

    GradeCodeRequestHandler(ObjectProvider<GradeCodeHandler> handler) {
        this.handler = handler;
    }

    @Override
    @Job(name = "Grade code submission %0", retries = RETRIES)
    public void run(GradeCodeRequest request) throws Exception {
        handler.getObject().grade(request.submissionId());
    }
}
