package org.openlearning.video.transcode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jobrunr.jobs.lambdas.JobRequest;

/** One chunk of a fanned-out transcode: its ladder, on whichever worker takes it. */
public record TranscodeChunkRequest(long uploadId, int run, int idx) implements JobRequest {

    /** The same chunk of the same run is always the same job. */
    public UUID jobId() {
        return UUID.nameUUIDFromBytes(("transcode-chunk:" + uploadId + ":" + run + ":" + idx)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Class<TranscodeChunkRequestHandler> getJobRequestHandler() {
        return TranscodeChunkRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + uploadId + " run " + run + " chunk " + (idx + 1);
    }
}
