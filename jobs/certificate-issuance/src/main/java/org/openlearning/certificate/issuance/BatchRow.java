package org.openlearning.certificate.issuance;

/**
 * One record of a registrar's CSV, checked for shape: the learner's e-mail, the course (id or
 * slug), an optional name to print instead of the account's, an optional reason to issue although
 * the course is not completed; or why the record is rejected.
 */
record BatchRow(int line, String email, String course, String nameOverride, String forceReason, String field,
        String problem) {

    static BatchRow rejected(int line, String field, String problem) {
        return new BatchRow(line, null, null, null, null, field, problem);
    }

    boolean isRejected() {
        return problem != null;
    }
}
