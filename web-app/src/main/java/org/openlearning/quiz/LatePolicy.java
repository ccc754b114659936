package org.openlearning.quiz;

/** What happens to a submission that arrives after a timed attempt's deadline (and its grace). */
public enum LatePolicy {
    /** Graded on the answers the server held at the deadline (saved as the learner went). */
    GRADE_AT_DEADLINE,
    /** Not graded: the attempt expires, counts as used and scores nothing. */
    REFUSE
}
