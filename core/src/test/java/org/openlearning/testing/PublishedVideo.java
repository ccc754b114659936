package org.openlearning.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.openlearning.storage.ObjectStore;

/**
 * A lesson video as the transcode job publishes it (HLS with 360p and 720p, a master playlist and a
 * poster, public objects under a versioned prefix, the lesson pointing at it), made directly with
 * FFmpeg for tests of what comes after publishing: the edge and the player.
 */
public final class PublishedVideo {

    private PublishedVideo() {
    }

    /** Publishes a {@code seconds}-long video for the lesson; returns its prefix. */
    public static String publish(Connection c, ObjectStore store, long lessonId, double seconds) throws IOException,
            SQLException {
        Path dir = Files.createTempDirectory("published-video");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("360p"));
        Files.createDirectories(out.resolve("720p"));
        VideoClips.ffmpeg(List.of("-f", "lavfi", "-t", String.valueOf(seconds), "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-t", String.valueOf(seconds), "-i", "sine=frequency=440:sample_rate=48000",
                "-filter_complex", "[0:v]split=3[a][b][p];[a]scale=640:360[v0];[b]scale=1280:720[v1];[p]select='eq(n\\,15)'[poster]",
                "-map", "[v0]", "-map", "1:a", "-map", "[v1]", "-map", "1:a",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*2)",
                "-b:v:0", "600k", "-maxrate:v:0", "700k", "-bufsize:v:0", "1400k",
                "-b:v:1", "2500k", "-maxrate:v:1", "2800k", "-bufsize:v:1", "5600k",
                "-c:a", "aac", "-b:a", "96k", "-ar", "48000", "-ac", "2",
                "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
                "-hls_segment_filename", out + "/%v/seg_%05d.ts", "-master_pl_name", "master.m3u8",
                "-var_stream_map", "v:0,a:0,name:360p v:1,a:1,name:720p", out + "/%v/index.m3u8",
                "-map", "[poster]", "-frames:v", "1", out.resolve("poster.jpg").toString()));
        long uploadId;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO video_uploads (lesson_id, course_id, uploaded_by, file_name, size_bytes, fingerprint,
                                           object_key, part_size, status, run, renditions, source_seconds,
                                           progress_percent, finished_at)
                SELECT l.id, l.course_id, (SELECT min(id) FROM users), 'lecture.mp4', 1, 'lecture.mp4:1',
                       'uploads/video/test/lecture.mp4', 8388608, 'READY', 1, ARRAY['360p', '720p'], ?, 100, now()
                FROM lessons l WHERE l.id = ? RETURNING id
                """)) {
            s.setDouble(1, seconds);
            s.setLong(2, lessonId);
            var rs = s.executeQuery();
            rs.next();
            uploadId = rs.getLong(1);
        }
        String prefix = "videos/" + lessonId + "/" + uploadId + "-r1";
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String type = name.endsWith(".m3u8") ? "application/vnd.apple.mpegurl"
                        : name.endsWith(".ts") ? "video/mp2t" : "image/jpeg";
                store.putPublic(prefix + "/" + out.relativize(file).toString().replace('\\', '/'), file, type);
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE video_uploads SET output_prefix = ? WHERE id = ?;
                """)) {
            s.setString(1, prefix);
            s.setLong(2, uploadId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE lessons SET video_upload_id = ?, video_prefix = ?, duration_seconds = ? WHERE id = ?")) {
            s.setLong(1, uploadId);
            s.setString(2, prefix);
            s.setInt(3, (int) Math.round(seconds));
            s.setLong(4, lessonId);
            s.executeUpdate();
        }
        return prefix;
    }
}
