package org.openlearning.video.transcode;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How videos are transcoded ({@code platform.transcode.*}).
 *
 * @param ffmpeg            the ffmpeg binary
 * @param ffprobe           the ffprobe binary
 * @param workDir           local scratch space; each run works in its own folder and removes it
 * @param maxDuration       longer sources are refused
 * @param minHeight         sources whose short side is below this are refused (240 = 240p)
 * @param preset            x264 preset of every rendition
 * @param segmentSeconds    HLS segment length; also the forced keyframe interval, equal in every rendition
 * @param fanOutAbove       sources longer than this are split into chunks transcoded by separate jobs
 * @param chunkDuration     target length of a chunk (cuts fall on the source's keyframes)
 * @param maxRuns           runs (crashes included) before an upload is given up as FAILED
 * @param progressInterval  how often progress is written to the record
 */
@ConfigurationProperties("platform.transcode")
public record TranscodeSettings(String ffmpeg, String ffprobe, Path workDir, Duration maxDuration, int minHeight,
        String preset, int segmentSeconds, Duration fanOutAbove, Duration chunkDuration, int maxRuns,
        Duration progressInterval) {

    public TranscodeSettings {
        ffmpeg = ffmpeg == null ? "ffmpeg" : ffmpeg;
        ffprobe = ffprobe == null ? "ffprobe" : ffprobe;
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "platform-transcode") : workDir;
        maxDuration = maxDuration == null ? Duration.ofHours(5) : maxDuration;
        minHeight = minHeight <= 0 ? 240 : minHeight;
        preset = preset == null ? "veryfast" : preset;
        segmentSeconds = segmentSeconds <= 0 ? 4 : segmentSeconds;
        fanOutAbove = fanOutAbove == null ? Duration.ofMinutes(5) : fanOutAbove;
        chunkDuration = chunkDuration == null ? Duration.ofMinutes(1) : chunkDuration;
        maxRuns = maxRuns <= 0 ? 4 : maxRuns;
        progressInterval = progressInterval == null ? Duration.ofSeconds(1) : progressInterval;
    }
}
