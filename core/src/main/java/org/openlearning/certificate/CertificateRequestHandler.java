package org.openlearning.certificate;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The JobRunr handler of {@link CertificateRequest}; the work is the job module's. */
@Component
public class CertificateRequestHandler implements JobRequestHandler<CertificateRequest> {

    private final ObjectProvider<CertificateIssuanceHandler> handler;

    CertificateRequestHandler(ObjectProvider<CertificateIssuanceHandler> handler) {
        this.handler = handler;
    }

    @Override
    @Job(name = "Issue certificate of request %0", retries = 5)
    public void run(CertificateRequest request) throws Exception {
        handler.getObject().issueRequested(request.requestId());
    }
}
