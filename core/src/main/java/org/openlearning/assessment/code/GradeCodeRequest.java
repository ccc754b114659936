package org.openlearning.assessment.code;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.openlearning.intent.IntentKind;

/** Job contract: run one {@code code_submissions} record's source against its assignment's tests and grade it. */
public record GradeCodeRequest(long submissionId) implements JobRequest {

    public static final IntentKind INTENT = new IntentKind("grade-code", "code_submissions", GradeCodeRequest::new);

    @Override
    public Class<GradeCodeRequestHandler> getJobRequestHandler() {
        return GradeCodeRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + submissionId;
    }
}
