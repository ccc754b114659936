package org.openlearning.video.transcode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ffprobe of published HLS over HTTP, as a player would fetch it. */
final class HlsProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Stream(String type, int width, int height) {
    }

    record Result(double seconds, List<Stream> streams) {

        List<String> resolutions() {
            return streams.stream().filter(s -> s.type().equals("video")).map(s -> s.width() + "x" + s.height())
                    .distinct().sorted().toList();
        }
    }

    private HlsProbe() {
    }

    static Result probe(String url) throws IOException, InterruptedException {
        Ffmpeg.Result r = Ffmpeg.capture(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", url));
        if (!r.ok()) {
            throw new IOException("ffprobe " + url + ": " + r.lastError());
        }
        JsonNode root = JSON.readTree(r.stdout());
        List<Stream> streams = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            streams.add(new Stream(s.path("codec_type").asString(""), s.path("width").asInt(0),
                    s.path("height").asInt(0)));
        }
        return new Result(Double.parseDouble(root.path("format").path("duration").asString("0")), streams);
    }

    /** Presentation times (and durations) of every packet of one stream type, in order. */
    static List<double[]> packets(String url, String selector) throws IOException, InterruptedException {
        Ffmpeg.Result r = Ffmpeg.capture(List.of("ffprobe", "-v", "error", "-select_streams", selector,
                "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", url));
        if (!r.ok()) {
            throw new IOException("ffprobe " + url + ": " + r.lastError());
        }
        List<double[]> packets = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] parts = line.strip().split(",");
            if (parts.length >= 2 && !parts[0].isEmpty() && !parts[0].equals("N/A")) {
                packets.add(new double[] {Double.parseDouble(parts[0]),
                    parts[1].equals("N/A") ? 0 : Double.parseDouble(parts[1])});
            }
        }
        packets.sort((a, b) -> Double.compare(a[0], b[0]));
        return packets;
    }
}
