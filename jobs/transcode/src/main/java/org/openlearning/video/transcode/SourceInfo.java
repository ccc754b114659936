package org.openlearning.video.transcode;

/**
 * What ffprobe found in an upload.
 *
 * @param seconds       duration
 * @param width         displayed width (rotation and sample aspect ratio applied)
 * @param height        displayed height
 * @param frameRate     average frames per second
 * @param hasAudio      whether there is an audio stream to carry over
 */
public record SourceInfo(double seconds, int width, int height, double frameRate, boolean hasAudio) {
}
