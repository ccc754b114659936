package org.openlearning.video.transcode;

/**
 * The upload cannot become a video, whatever we retry: the message says why, in words the
 * instructor can act on.
 */
public class UnplayableVideoException extends Exception {

    public UnplayableVideoException(String reason) {
        super(reason);
    }
}
