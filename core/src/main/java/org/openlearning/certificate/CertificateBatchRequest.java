package org.openlearning.certificate;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.openlearning.intent.IntentKind;

/** Job contract: validate a registrar's CSV batch and issue its certificates. */
public record CertificateBatchRequest(long batchId) implements JobRequest {

    public static final IntentKind INTENT = new IntentKind("certificate-batch", "certificate_batches",
            CertificateBatchRequest::new);

    @Override
    public Class<CertificateBatchRequestHandler> getJobRequestHandler() {
        return CertificateBatchRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + batchId;
    }
}
