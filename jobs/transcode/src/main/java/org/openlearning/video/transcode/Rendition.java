package org.openlearning.video.transcode;

/**
 * One rung of the HLS ladder for a given source.
 *
 * @param name       folder and label ("720p")
 * @param width      output width (even, aspect of the source kept)
 * @param height     output height (even)
 * @param crf        x264 constant rate factor
 * @param maxrateK   peak video bitrate in kbit/s (capped CRF)
 */
public record Rendition(String name, int width, int height, int crf, int maxrateK) {

    public int bufsizeK() {
        return maxrateK * 2;
    }
}
