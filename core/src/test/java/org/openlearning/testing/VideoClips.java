package org.openlearning.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Video files made at test time with FFmpeg's test sources ({@code testsrc2} picture, {@code sine}
 * sound), plus the broken files an instructor might upload.
 */
public final class VideoClips {

    private VideoClips() {
    }

    /** An H.264 + AAC MP4 of {@code width}×{@code height} at 30 fps, {@code seconds} long. */
    public static Path clip(Path dir, String name, int width, int height, double seconds) throws IOException {
        return make(dir.resolve(name), List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "60",
                "-c:a", "aac", "-b:a", "96k", "-shortest"));
    }

    /** Sound only (an M4A renamed to .mp4, as happens). */
    public static Path audioOnly(Path dir, String name, double seconds) throws IOException {
        return make(dir.resolve(name), List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds), "-c:a", "aac", "-f", "mp4"));
    }

    /** The first half of a real MP4: its index (moov, written last) is missing. */
    public static Path truncated(Path dir, String name) throws IOException {
        Path whole = clip(dir, "whole-" + name, 640, 360, 4);
        byte[] bytes = Files.readAllBytes(whole);
        Path file = dir.resolve(name);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }

    /** A text file with a video's name. */
    public static Path textAsVideo(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "These are my lecture notes, not a video.\n".repeat(200), StandardCharsets.UTF_8);
        return file;
    }

    private static Path make(Path file, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.add(file.toString());
        ffmpeg(all);
        return file;
    }

    /** Runs {@code ffmpeg -nostdin -v error -y <args>}; fails with its output. */
    public static void ffmpeg(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("ffmpeg failed: " + String.join(" ", args) + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
