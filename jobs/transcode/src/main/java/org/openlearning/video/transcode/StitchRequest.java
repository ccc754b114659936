package org.openlearning.video.transcode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The last step of a fanned-out transcode: join the chunks' renditions and publish. */
public record StitchRequest(long uploadId, int run) implements JobRequest {

    public UUID jobId() {
        return UUID.nameUUIDFromBytes(("transcode-stitch:" + uploadId + ":" + run).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Class<StitchRequestHandler> getJobRequestHandler() {
        return StitchRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + uploadId + " run " + run;
    }
}
