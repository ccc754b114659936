package org.openlearning.video.transcode;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

@Component
public class StitchRequestHandler implements JobRequestHandler<StitchRequest> {

    private final TranscodeJob job;

    StitchRequestHandler(TranscodeJob job) {
        this.job = job;
    }

    @Override
    @Job(name = "Stitch and publish video upload %0", retries = 5)
    public void run(StitchRequest request) throws Exception {
        job.stitch(request.uploadId(), request.run());
    }
}
