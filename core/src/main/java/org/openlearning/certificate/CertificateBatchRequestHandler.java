package org.openlearning.certificate;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The JobRunr handler of {@link CertificateBatchRequest}; the work is the job module's. */
@Component
public class CertificateBatchRequestHandler implements JobRequestHandler<CertificateBatchRequest> {

    private final ObjectProvider<CertificateIssuanceHandler> handler;

    CertificateBatchRequestHandler(ObjectProvider<CertificateIssuanceHandler> handler) {
        this.handler = handler;
    }

    @Override
    @Job(name = "Certificate batch %0", retries = 5)
    public void run(CertificateBatchRequest request) throws Exception {
        handler.getObject().runBatch(request.batchId());
    }
}
