package org.openlearning.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LadderTest {

    private static List<String> sizes(List<Rendition> ladder) {
        return ladder.stream().map(r -> r.name() + "=" + r.width() + "x" + r.height()).toList();
    }

    @Test
    void aFullHdSourceGetsTheWholeLadder() {
        assertThat(sizes(Ladder.forSource(1920, 1080)))
                .containsExactly("360p=640x360", "720p=1280x720", "1080p=1920x1080");
    }

    @Test
    void neverAboveTheSource() {
        assertThat(sizes(Ladder.forSource(1280, 720))).containsExactly("360p=640x360", "720p=1280x720");
        assertThat(sizes(Ladder.forSource(3840, 2160))).hasSize(3);
    }

    @Test
    void aspectIsKeptWithEvenSizes() {
        // 4:3 and a cinema ratio
        assertThat(sizes(Ladder.forSource(1440, 1080)))
                .containsExactly("360p=480x360", "720p=960x720", "1080p=1440x1080");
        assertThat(sizes(Ladder.forSource(1998, 1080)).get(0)).isEqualTo("360p=666x360");
        assertThat(Ladder.forSource(1001, 563)).allSatisfy(r -> {
            assertThat(r.width() % 2).isZero();
            assertThat(r.height() % 2).isZero();
        });
    }

    @Test
    void portraitVideosStepOnTheirShortSide() {
        assertThat(sizes(Ladder.forSource(1080, 1920)))
                .containsExactly("360p=360x640", "720p=720x1280", "1080p=1080x1920");
    }

    @Test
    void aSourceBetween240pAnd360pKeepsItsOwnSize() {
        assertThat(sizes(Ladder.forSource(426, 240))).containsExactly("240p=426x240");
        assertThat(sizes(Ladder.forSource(480, 270))).containsExactly("270p=480x270");
    }
}
