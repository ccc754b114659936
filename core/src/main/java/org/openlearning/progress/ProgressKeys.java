package org.openlearning.progress;

import java.util.ArrayList;
import java.util.List;

import org.openlearning.redis.RedisKeys;
import org.springframework.stereotype.Component;

/**
 * The Redis keys of progress. An enrollment's events go to the stream of its shard, and its cached
 * progress sits beside it under the same hash tag, so one script touches both even on a Redis
 * Cluster.
 */
@Component
public class ProgressKeys {

    /** The consumer group every compactor reads through. */
    public static final String GROUP = "compaction";

    private final RedisKeys keys;
    private final int shards;

    public ProgressKeys(RedisKeys keys, ProgressProperties properties) {
        this.keys = keys;
        this.shards = properties.shards();
    }

    public int shard(long enrollmentId) {
        return (int) Math.floorMod(enrollmentId, (long) shards);
    }

    public String stream(int shard) {
        return keys.key("progress", "{" + shard + "}", "events");
    }

    public List<String> streams() {
        List<String> all = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            all.add(stream(shard));
        }
        return all;
    }

    /** Hash of lesson id → {@code watched,completed} for one enrollment. */
    public String cache(long enrollmentId) {
        return keys.key("progress", "{" + shard(enrollmentId) + "}", "cache", Long.toString(enrollmentId));
    }
}
