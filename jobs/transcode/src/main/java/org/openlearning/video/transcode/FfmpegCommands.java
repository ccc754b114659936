package org.openlearning.video.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg command lines of the ladder. Every rendition gets the same x264 settings and keyframes
 * forced on one time grid (every segment length), so segment boundaries line up across renditions
 * and across the chunks of a fanned-out video.
 */
public final class FfmpegCommands {

    static final String AUDIO_BITRATE = "128k";
    static final String POSTER = "poster.jpg";
    static final String PLAYLIST = "index.m3u8";

    private FfmpegCommands() {
    }

    /**
     * The whole ladder in one process: one decode, every rendition as HLS under
     * {@code out/<rendition>/}, and the poster. This is also the "bare" command of the benchmark.
     */
    public static List<String> ladder(TranscodeSettings settings, SourceInfo source, List<Rendition> renditions,
            Path input, Path out) {
        List<String> cmd = new ArrayList<>(List.of(settings.ffmpeg(), "-y", "-i", input.toString()));
        cmd.addAll(List.of("-filter_complex", scaleGraph(renditions, posterAt(source.seconds()))));
        for (int i = 0; i < renditions.size(); i++) {
            cmd.addAll(List.of("-map", "[v" + i + "]"));
            if (source.hasAudio()) {
                cmd.addAll(List.of("-map", "0:a:0"));
            }
        }
        cmd.addAll(x264(settings, 0));
        for (int i = 0; i < renditions.size(); i++) {
            cmd.addAll(rate(renditions.get(i), ":v:" + i));
        }
        if (source.hasAudio()) {
            cmd.addAll(audio());
        }
        cmd.addAll(hls(settings, renditions, source.hasAudio(), out));
        cmd.addAll(poster(out));
        return cmd;
    }

    /**
     * Cuts the source's video into chunks of about {@code chunkDuration} at its own keyframes, without
     * re-encoding, and copies its first audio stream whole (encoded once, at the stitch, so there are
     * no audio seams). Writes {@code chunks.csv} (file, start, end).
     */
    public static List<String> split(TranscodeSettings settings, SourceInfo source, Path input, Path dir) {
        List<String> cmd = new ArrayList<>(List.of(settings.ffmpeg(), "-y", "-i", input.toString(),
                "-map", "0:v:0", "-c", "copy", "-f", "segment",
                "-segment_time", seconds(settings.chunkDuration().toMillis() / 1000.0),
                "-reset_timestamps", "1", "-segment_format", "matroska",
                "-segment_list", dir.resolve("chunks.csv").toString(), "-segment_list_type", "csv",
                dir.resolve("chunk_%04d.mkv").toString()));
        if (source.hasAudio()) {
            cmd.addAll(List.of("-map", "0:a:0", "-c", "copy", dir.resolve("audio.mka").toString()));
        }
        return cmd;
    }

    /**
     * One chunk's ladder, video only: {@code out/<rendition>.mkv} per rendition, and the poster when
     * {@code posterAt} (seconds on the chunk's clock) is a number. Keyframes fall on the absolute time
     * grid, so the stitched renditions are segmented exactly as a single run would segment them.
     */
    public static List<String> chunk(TranscodeSettings settings, double chunkStart, List<Rendition> renditions,
            double posterAt, Path input, Path out) {
        boolean withPoster = !Double.isNaN(posterAt);
        List<String> cmd = new ArrayList<>(List.of(settings.ffmpeg(), "-y", "-i", input.toString()));
        cmd.addAll(List.of("-filter_complex", scaleGraph(renditions, posterAt)));
        for (int i = 0; i < renditions.size(); i++) {
            cmd.addAll(List.of("-map", "[v" + i + "]", "-an"));
            cmd.addAll(x264(settings, chunkStart));
            cmd.addAll(rate(renditions.get(i), ""));
            cmd.add(out.resolve(renditions.get(i).name() + ".mkv").toString());
        }
        if (withPoster) {
            cmd.addAll(poster(out));
        }
        return cmd;
    }

    /**
     * Joins the chunks of every rendition (concat lists {@code <rendition>.txt} in {@code dir})
     * without re-encoding, adds the audio encoded once over the whole length, and writes the HLS
     * ladder.
     */
    public static List<String> stitch(TranscodeSettings settings, List<Rendition> renditions, boolean hasAudio,
            Path dir, Path out) {
        List<String> cmd = new ArrayList<>(List.of(settings.ffmpeg(), "-y"));
        for (Rendition rendition : renditions) {
            cmd.addAll(List.of("-f", "concat", "-safe", "0", "-i", dir.resolve(rendition.name() + ".txt").toString()));
        }
        if (hasAudio) {
            cmd.addAll(List.of("-i", dir.resolve("audio.mka").toString()));
        }
        for (int i = 0; i < renditions.size(); i++) {
            cmd.addAll(List.of("-map", i + ":v:0"));
            if (hasAudio) {
                cmd.addAll(List.of("-map", renditions.size() + ":a:0"));
            }
        }
        cmd.addAll(List.of("-c:v", "copy"));
        if (hasAudio) {
            cmd.addAll(audio());
        }
        cmd.addAll(hls(settings, renditions, hasAudio, out));
        return cmd;
    }

    private static String scaleGraph(List<Rendition> renditions, double posterAt) {
        boolean poster = !Double.isNaN(posterAt);
        int branches = renditions.size() + (poster ? 1 : 0);
        StringBuilder graph = new StringBuilder("[0:v]split=" + branches);
        for (int i = 0; i < branches; i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < renditions.size(); i++) {
            Rendition r = renditions.get(i);
            graph.append(";[s").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
                    .append(",setsar=1[v").append(i).append(']');
        }
        if (poster) {
            Rendition r = posterSize(renditions);
            graph.append(";[s").append(renditions.size()).append("]select='gte(t\\,")
                    .append(seconds(posterAt)).append(")',scale=").append(r.width()).append(':').append(r.height())
                    .append(",setsar=1[poster]");
        }
        return graph.toString();
    }

    /** The poster: a frame a little into the video (the very first is often black), at up to 720p. */
    static double posterAt(double seconds) {
        return Math.min(5, seconds / 10);
    }

    private static Rendition posterSize(List<Rendition> renditions) {
        Rendition best = renditions.getFirst();
        for (Rendition r : renditions) {
            if (Math.min(r.width(), r.height()) <= 720) {
                best = r;
            }
        }
        return best;
    }

    private static List<String> x264(TranscodeSettings settings, double gridOffset) {
        int segment = settings.segmentSeconds();
        // Keyframes at absolute multiples of the segment length; a chunk starting at S counts its own
        // time from 0, so it shifts the grid by S.
        double first = Math.max(0.0, Math.ceil(gridOffset / segment - 1e-9) * segment - gridOffset);
        String force = "expr:gte(t," + seconds(first) + "+n_forced*" + segment + ")";
        return List.of("-c:v", "libx264", "-preset", settings.preset(), "-profile:v", "high", "-pix_fmt", "yuv420p",
                "-sc_threshold", "0", "-g", String.valueOf(segment * 60), "-force_key_frames", force);
    }

    private static List<String> rate(Rendition r, String specifier) {
        return List.of("-crf" + specifier, String.valueOf(r.crf()), "-maxrate" + specifier, r.maxrateK() + "k",
                "-bufsize" + specifier, r.bufsizeK() + "k");
    }

    private static List<String> audio() {
        return List.of("-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "2", "-ar", "48000");
    }

    private static List<String> hls(TranscodeSettings settings, List<Rendition> renditions, boolean hasAudio,
            Path out) {
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < renditions.size(); i++) {
            if (i > 0) {
                map.append(' ');
            }
            map.append("v:").append(i);
            if (hasAudio) {
                map.append(",a:").append(i);
            }
            map.append(",name:").append(renditions.get(i).name());
        }
        return List.of("-f", "hls", "-hls_time", String.valueOf(settings.segmentSeconds()),
                "-hls_playlist_type", "vod", "-hls_flags", "independent_segments", "-hls_segment_type", "mpegts",
                "-hls_segment_filename", out.resolve("%v").resolve("seg_%05d.ts").toString(),
                "-var_stream_map", map.toString(), out.resolve("%v").resolve(PLAYLIST).toString());
    }

    private static List<String> poster(Path out) {
        return List.of("-map", "[poster]", "-frames:v", "1", "-q:v", "3", out.resolve(POSTER).toString());
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
