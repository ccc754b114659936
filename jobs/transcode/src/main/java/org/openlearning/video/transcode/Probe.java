package org.openlearning.video.transcode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ffprobe first: decides whether an upload can become a lesson video, and says why not in words
 * an instructor can act on.
 */
public final class Probe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Probe() {
    }

    public static SourceInfo probe(TranscodeSettings settings, Path file) throws IOException, InterruptedException,
            UnplayableVideoException {
        Ffmpeg.Result result = Ffmpeg.capture(List.of(settings.ffprobe(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", file.toString()));
        if (!result.ok()) {
            throw new UnplayableVideoException(unreadable(String.join("\n", result.logTail()), result.lastError()));
        }
        return validate(settings, JSON.readTree(result.stdout()));
    }

    static SourceInfo validate(TranscodeSettings settings, JsonNode probe) throws UnplayableVideoException {
        JsonNode video = null;
        boolean audio = false;
        for (JsonNode stream : probe.path("streams")) {
            String type = stream.path("codec_type").asString("");
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !coverArt && video == null) {
                video = stream;
            } else if (type.equals("audio")) {
                audio = true;
            }
        }
        if (video == null) {
            throw new UnplayableVideoException(audio
                    ? "The file has sound but no picture (an audio-only file). Upload a video file."
                    : "The file has no video stream. Upload a video file (MP4, MOV, MKV, WebM …).");
        }
        double seconds = number(probe.path("format").path("duration"));
        if (Double.isNaN(seconds) || seconds <= 0) {
            seconds = number(video.path("duration"));
        }
        if (Double.isNaN(seconds) || seconds <= 0) {
            throw new UnplayableVideoException(
                    "The video's length cannot be read: the file is probably damaged. Export it again and upload it.");
        }
        if (seconds > settings.maxDuration().toSeconds()) {
            throw new UnplayableVideoException("The video is " + clock(seconds) + " long; the limit is "
                    + clock(settings.maxDuration().toSeconds()) + ". Split it into shorter lessons.");
        }
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        if (width <= 0 || height <= 0) {
            throw new UnplayableVideoException(
                    "The video's picture size cannot be read: the file is probably damaged. Export it again.");
        }
        double sar = ratio(video.path("sample_aspect_ratio").asString("1:1"));
        int displayWidth = (int) Math.round(width * (sar > 0 ? sar : 1));
        int displayHeight = height;
        if (Math.abs(rotation(video)) == 90) {
            int swap = displayWidth;
            displayWidth = displayHeight;
            displayHeight = swap;
        }
        if (Math.min(displayWidth, displayHeight) < settings.minHeight()) {
            throw new UnplayableVideoException("The video is " + displayWidth + "×" + displayHeight
                    + ", smaller than " + settings.minHeight() + "p. Upload a version of at least "
                    + settings.minHeight() + "p.");
        }
        double fps = ratio(video.path("avg_frame_rate").asString("0/0"));
        if (!(fps > 0)) {
            fps = ratio(video.path("r_frame_rate").asString("0/0"));
        }
        return new SourceInfo(seconds, displayWidth, displayHeight, fps > 0 ? fps : 30, audio);
    }

    static String unreadable(String log, String ffprobeError) {
        String lower = log.toLowerCase(Locale.ROOT);
        if (lower.contains("moov atom not found")) {
            return "The file is incomplete: its index (the MP4 'moov' box) is missing, as when an upload or an "
                    + "export stops early. Export the video again and upload the complete file.";
        }
        if (lower.contains("invalid data found")) {
            return "The file is not a video we can read (it may be a document, an image or a damaged file). "
                    + "Upload a video file (MP4, MOV, MKV, WebM …).";
        }
        return "The file cannot be read as a video (" + ffprobeError + "). Export it again and upload it.";
    }

    private static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt(0);
            }
        }
        return video.path("tags").path("rotate").asInt(0);
    }

    private static double number(JsonNode node) {
        try {
            return node.isMissingNode() || node.isNull() ? Double.NaN : Double.parseDouble(node.asString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double ratio(String value) {
        String[] parts = value.split("[:/]");
        try {
            if (parts.length == 2) {
                double den = Double.parseDouble(parts[1]);
                return den == 0 ? Double.NaN : Double.parseDouble(parts[0]) / den;
            }
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0
                ? String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
