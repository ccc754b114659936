package org.openlearning.certificate;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The JobRunr handler of {@link CertificateBatchPartRequest}; the work is the job module's. */
@Component
public class CertificateBatchPartRequestHandler implements JobRequestHandler<CertificateBatchPartRequest> {

    private final ObjectProvider<CertificateIssuanceHandler> handler;

    CertificateBatchPartRequestHandler(ObjectProvider<CertificateIssuanceHandler> handler) {
        this.handler = handler;
    }

    static final int RETRIES = 5;

    @Override
    @Job(name = "Render certificates of batch %0", retries = RETRIES)
    public void run(CertificateBatchPartRequest request) throws Exception {
        boolean last = jobContext().amountOfFailures() >= RETRIES;
        handler.getObject().renderBatchPart(request.batchId(), request.part(), last);
    }
}
