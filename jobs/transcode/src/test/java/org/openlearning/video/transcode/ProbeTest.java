package org.openlearning.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The probe's verdicts on ffprobe documents (the real ffprobe runs in the job test). */
class ProbeTest {

    private final TranscodeSettings settings = new TranscodeSettings(null, null, null, Duration.ofHours(2), 240, null,
            0, null, null, 0, null);

    private SourceInfo validate(String json) throws Exception {
        return Probe.validate(settings, JsonMapper.builder().build().readTree(json));
    }

    private static String video(int width, int height, String extra) {
        return "{\"codec_type\":\"video\",\"width\":" + width + ",\"height\":" + height
                + ",\"avg_frame_rate\":\"30000/1001\"" + extra + "}";
    }

    @Test
    void aNormalVideo() throws Exception {
        SourceInfo info = validate("{\"streams\":[" + video(1920, 1080, "")
                + ",{\"codec_type\":\"audio\"}],\"format\":{\"duration\":\"61.5\"}}");
        assertThat(info).isEqualTo(new SourceInfo(61.5, 1920, 1080, 30000 / 1001.0, true));
    }

    @Test
    void aPhoneVideoRecordedUprightIsPortrait() throws Exception {
        SourceInfo info = validate("{\"streams\":[" + video(1920, 1080, ",\"side_data_list\":[{\"rotation\":-90}]")
                + "],\"format\":{\"duration\":\"10\"}}");
        assertThat(info.width()).isEqualTo(1080);
        assertThat(info.height()).isEqualTo(1920);
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void refusesWhatCannotBecomeALessonVideo() {
        assertThatThrownBy(() -> validate("{\"streams\":[{\"codec_type\":\"audio\"}],\"format\":{\"duration\":\"5\"}}"))
                .hasMessageContaining("no picture");
        assertThatThrownBy(() -> validate("{\"streams\":[{\"codec_type\":\"audio\"}," + video(600, 600,
                ",\"disposition\":{\"attached_pic\":1}") + "],\"format\":{\"duration\":\"5\"}}"))
                .as("an MP3 with cover art").hasMessageContaining("no picture");
        assertThatThrownBy(() -> validate("{\"streams\":[" + video(320, 180, "") + "],\"format\":{\"duration\":\"5\"}}"))
                .hasMessageContaining("320×180").hasMessageContaining("240p");
        assertThatThrownBy(() -> validate("{\"streams\":[" + video(1280, 720, "")
                + "],\"format\":{\"duration\":\"9000\"}}")).hasMessageContaining("2 h 30 min long; the limit is 2 h 00 min");
        assertThatThrownBy(() -> validate("{\"streams\":[" + video(1280, 720, "") + "],\"format\":{}}"))
                .hasMessageContaining("length cannot be read");
    }
}
