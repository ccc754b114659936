package org.openlearning.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressEventTest {

    @Test
    void anEventSurvivesTheStreamEncoding() {
        ProgressEvent event = new ProgressEvent(42, 7, 123, true, 1_763_000_000_123L);
        assertThat(event.encode()).isEqualTo("42,7,123,1,1763000000123");
        assertThat(ProgressEvent.decode(event.encode())).isEqualTo(event);
        assertThat(ProgressEvent.decode("1,2,0,0,5")).isEqualTo(new ProgressEvent(1, 2, 0, false, 5));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {null, "", "1,2,3,1", "1,2,3,yes,5", "1,2,-3,0,5", "0,2,3,0,5", "a,2,3,0,5",
                "1,2,3,0,5,6"}) {
            assertThatThrownBy(() -> ProgressEvent.decode(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void enrollmentsSpreadOverTheShardsAndKeepTheirCacheBesideTheirStream() {
        ProgressKeys keys = new ProgressKeys(new org.openlearning.redis.RedisKeys("t:"),
                new ProgressProperties(8, java.time.Duration.ofDays(1)));
        assertThat(keys.streams()).hasSize(8).doesNotHaveDuplicates();
        assertThat(keys.stream(keys.shard(13))).isEqualTo("t:progress:{5}:events");
        assertThat(keys.cache(13)).isEqualTo("t:progress:{5}:cache:13");
    }
}
