package org.openlearning.video;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.openlearning.intent.IntentKind;

/** Job contract: probe, transcode and publish the video of one {@code video_uploads} record. */
public record TranscodeRequest(long uploadId) implements JobRequest {

    /** An upload is an intent once its file is complete: UPLOADED, not yet enqueued. */
    public static final IntentKind INTENT = new IntentKind("transcode", "video_uploads", "UPLOADED",
            TranscodeRequest::new);

    @Override
    public Class<TranscodeRequestHandler> getJobRequestHandler() {
        return TranscodeRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + uploadId;
    }
}
