package org.openlearning.assessment.code;

/** Where a code submission is: REQUESTED → QUEUED → RUNNING → GRADED, or FAILED with a reason. */
public enum SubmissionStatus {
    REQUESTED, QUEUED, RUNNING, GRADED, FAILED;

    public boolean finished() {
        return this == GRADED || this == FAILED;
    }
}
