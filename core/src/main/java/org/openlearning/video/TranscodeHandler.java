package org.openlearning.video;

/**
 * Implemented by the transcode job module: probe, transcode and publish one {@code video_uploads}
 * record. Runs on the workers only, through {@link TranscodeRequestHandler}.
 */
public interface TranscodeHandler {

    void transcode(long uploadId) throws Exception;
}
