package org.openlearning.video.transcode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code master.m3u8} from what was actually produced: BANDWIDTH is the peak bitrate of any
 * segment and AVERAGE-BANDWIDTH the mean, measured from the files (ffmpeg only knows the configured
 * rates, and nothing at all when it copies streams), RESOLUTION and CODECS from ffprobe.
 */
public final class MasterPlaylist {

    public static final String NAME = "master.m3u8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Measured figures of one rendition. */
    public record Variant(Rendition rendition, long peakBps, long averageBps, double seconds, String codecs,
            int width, int height) {
    }

    private MasterPlaylist() {
    }

    public static List<Variant> write(TranscodeSettings settings, List<Rendition> renditions, boolean hasAudio,
            Path out) throws IOException, InterruptedException {
        List<Variant> variants = new java.util.ArrayList<>();
        for (Rendition rendition : renditions) {
            variants.add(measure(settings, rendition, hasAudio, out.resolve(rendition.name())));
        }
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Variant v : variants) {
            m3u8.append(String.format(Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s\"%n%s/%s%n",
                    v.peakBps(), v.averageBps(), v.width(), v.height(), v.codecs(), v.rendition().name(),
                    FfmpegCommands.PLAYLIST));
        }
        Files.writeString(out.resolve(NAME), m3u8.toString(), StandardCharsets.UTF_8);
        return variants;
    }

    static Variant measure(TranscodeSettings settings, Rendition rendition, boolean hasAudio, Path dir)
            throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(dir.resolve(FfmpegCommands.PLAYLIST), StandardCharsets.UTF_8);
        double total = 0;
        long bytes = 0;
        double peak = 0;
        String firstSegment = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXTINF:") && i + 1 < lines.size()) {
                double seconds = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length()
                        : line.indexOf(',')));
                String segment = lines.get(i + 1).strip();
                long size = Files.size(dir.resolve(segment));
                firstSegment = firstSegment == null ? segment : firstSegment;
                total += seconds;
                bytes += size;
                if (seconds > 0.5) {
                    // a very short last segment says little about the peak rate
                    peak = Math.max(peak, size * 8 / seconds);
                }
            }
        }
        if (firstSegment == null || total <= 0) {
            throw new IOException("rendition " + rendition.name() + " has no segments");
        }
        long average = Math.round(bytes * 8 / total);
        Ffmpeg.Result probe = Ffmpeg.capture(List.of(settings.ffprobe(), "-v", "error", "-print_format", "json",
                "-show_streams", dir.resolve(firstSegment).toString()));
        if (!probe.ok()) {
            throw new IOException("cannot probe " + rendition.name() + ": " + probe.lastError());
        }
        String video = "avc1.640028";
        int width = rendition.width();
        int height = rendition.height();
        for (JsonNode stream : JSON.readTree(probe.stdout()).path("streams")) {
            if (stream.path("codec_type").asString("").equals("video")) {
                video = avc1(stream.path("profile").asString(""), stream.path("level").asInt(40));
                width = stream.path("width").asInt(width);
                height = stream.path("height").asInt(height);
            }
        }
        String codecs = hasAudio ? video + ",mp4a.40.2" : video;
        return new Variant(rendition, Math.max(Math.round(peak), average), average, total, codecs, width, height);
    }

    /** RFC 6381 codec string of an H.264 stream: profile_idc, constraint flags, level_idc in hex. */
    static String avc1(String profile, int level) {
        String p = profile.toLowerCase(Locale.ROOT);
        String profileAndFlags = switch (p) {
            case "constrained baseline" -> "42E0";
            case "baseline" -> "4200";
            case "main" -> "4D40";
            case "high 10" -> "6E00";
            default -> "6400";
        };
        return String.format(Locale.ROOT, "avc1.%s%02X", profileAndFlags, level).toLowerCase(Locale.ROOT);
    }
}
