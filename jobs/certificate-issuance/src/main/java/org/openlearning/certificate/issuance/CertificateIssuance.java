package org.openlearning.certificate.issuance;

import org.openlearning.certificate.CertificateIssuanceHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The job module's side of core's certificate job contracts. */
@Component
@EnableConfigurationProperties(CertificateSettings.class)
class CertificateIssuance implements CertificateIssuanceHandler {

    private final CompletionCertificates completions;
    private final BatchIssuance batches;

    CertificateIssuance(CompletionCertificates completions, BatchIssuance batches) {
        this.completions = completions;
        this.batches = batches;
    }

    @Override
    public void issueRequested(long requestId) throws Exception {
        completions.issue(requestId);
    }

    @Override
    public void runBatch(long batchId) throws Exception {
        batches.run(batchId);
    }

    @Override
    public void renderBatchPart(long batchId, int part, boolean lastAttempt) throws Exception {
        batches.renderPart(batchId, part, lastAttempt);
    }
}
