package org.openlearning.certificate;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.openlearning.intent.IntentKind;

/** Job contract: issue the certificate of one {@code certificate_requests} record (a completed course). */
public record CertificateRequest(long requestId) implements JobRequest {

    public static final IntentKind INTENT = new IntentKind("certificate-issuance", "certificate_requests",
            CertificateRequest::new);

    @Override
    public Class<CertificateRequestHandler> getJobRequestHandler() {
        return CertificateRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + requestId;
    }
}
