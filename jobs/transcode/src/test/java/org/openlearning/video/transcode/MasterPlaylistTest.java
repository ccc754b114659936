package org.openlearning.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasterPlaylistTest {

    @Test
    void codecStringsFollowRfc6381() {
        assertThat(MasterPlaylist.avc1("High", 31)).isEqualTo("avc1.64001f");
        assertThat(MasterPlaylist.avc1("High", 40)).isEqualTo("avc1.640028");
        assertThat(MasterPlaylist.avc1("Main", 30)).isEqualTo("avc1.4d401e");
        assertThat(MasterPlaylist.avc1("Constrained Baseline", 30)).isEqualTo("avc1.42e01e");
    }
}
