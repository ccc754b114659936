package org.openlearning.certificate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Job contract: render, sign and store the pending certificates of one part of a batch. */
public record CertificateBatchPartRequest(long batchId, int part) implements JobRequest {

    /** One job per part of a batch, so a second enqueue of the same part is a no-op. */
    public UUID jobId() {
        return UUID.nameUUIDFromBytes(("certificate-batch-part:" + batchId + ":" + part)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Class<CertificateBatchPartRequestHandler> getJobRequestHandler() {
        return CertificateBatchPartRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + batchId + " part " + part;
    }
}
