package org.openlearning.video.transcode;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

@Component
public class TranscodeChunkRequestHandler implements JobRequestHandler<TranscodeChunkRequest> {

    private final TranscodeJob job;

    TranscodeChunkRequestHandler(TranscodeJob job) {
        this.job = job;
    }

    @Override
    @Job(name = "Transcode video upload %0", retries = 5)
    public void run(TranscodeChunkRequest request) throws Exception {
        job.chunk(request.uploadId(), request.run(), request.idx());
    }
}
