package org.openlearning.certificate;

/**
 * Implemented by the certificate-issuance job module (workers only): issue the certificate a
 * completion asked for, walk a registrar's batch, and render one part of a batch. Called by the
 * JobRunr handlers of this package; every method is safe to run twice.
 */
public interface CertificateIssuanceHandler {

    void issueRequested(long requestId) throws Exception;

    void runBatch(long batchId) throws Exception;

    /**
     * @param lastAttempt JobRunr will not run this part again if it fails now: then the batch is
     *                    marked FAILED with the reason, rather than left RUNNING with lines that no
     *                    job will ever issue
     */
    void renderBatchPart(long batchId, int part, boolean lastAttempt) throws Exception;
}
