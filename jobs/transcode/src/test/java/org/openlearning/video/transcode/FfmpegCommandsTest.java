package org.openlearning.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FfmpegCommandsTest {

    private final TranscodeSettings settings = new TranscodeSettings(null, null, null, null, 0, null, 4, null,
            Duration.ofSeconds(60), 0, null);
    private final List<Rendition> ladder = Ladder.forSource(1920, 1080);

    private static String after(List<String> command, String option) {
        return command.get(command.indexOf(option) + 1);
    }

    @Test
    void oneProcessWritesEveryRenditionFromOneDecodeWithThePoster() {
        List<String> cmd = FfmpegCommands.ladder(settings, new SourceInfo(120, 1920, 1080, 30, true), ladder,
                Path.of("in.mp4"), Path.of("out"));
        assertThat(cmd.stream().filter("-i"::equals)).hasSize(1);
        assertThat(after(cmd, "-filter_complex")).startsWith("[0:v]split=4")
                .contains("scale=640:360", "scale=1280:720", "scale=1920:1080", "select='gte(t\\,5.000)'");
        assertThat(after(cmd, "-var_stream_map")).isEqualTo("v:0,a:0,name:360p v:1,a:1,name:720p v:2,a:2,name:1080p");
        assertThat(after(cmd, "-force_key_frames")).isEqualTo("expr:gte(t,0.000+n_forced*4)");
        assertThat(after(cmd, "-hls_time")).isEqualTo("4");
        assertThat(cmd).contains("-sc_threshold", "out/poster.jpg");
    }

    @Test
    void withoutSoundNoAudioIsMapped() {
        List<String> cmd = FfmpegCommands.ladder(settings, new SourceInfo(10, 1280, 720, 30, false),
                Ladder.forSource(1280, 720), Path.of("in.mp4"), Path.of("out"));
        assertThat(cmd).doesNotContain("0:a:0", "-c:a");
        assertThat(after(cmd, "-var_stream_map")).isEqualTo("v:0,name:360p v:1,name:720p");
    }

    @Test
    void aChunkKeepsItsKeyframesOnTheAbsoluteGrid() {
        // a chunk cut at the source keyframe 61.5 s: next grid point 64 s is 2.5 s into the chunk
        List<String> cmd = FfmpegCommands.chunk(settings, 61.5, ladder, Double.NaN, Path.of("c.mkv"), Path.of("o"));
        assertThat(after(cmd, "-force_key_frames")).isEqualTo("expr:gte(t,2.500+n_forced*4)");
        assertThat(cmd).doesNotContain("[poster]");
        List<String> onGrid = FfmpegCommands.chunk(settings, 120, ladder, 0.5, Path.of("c.mkv"), Path.of("o"));
        assertThat(after(onGrid, "-force_key_frames")).isEqualTo("expr:gte(t,0.000+n_forced*4)");
        assertThat(onGrid).contains("[poster]", "o/poster.jpg", "o/720p.mkv");
    }
}
