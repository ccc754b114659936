package org.openlearning.search;

import java.util.Optional;

import org.openlearning.intent.IntentQueue;
import org.springframework.stereotype.Service;

/**
 * Requests a full rebuild of the search index: writes the intent record and enqueues its job after
 * commit (the sweeper enqueues it if this process dies in between). Used by the admin page and API
 * (MANUAL), the nightly Quartz trigger (NIGHTLY) and the outbox relay when it found no index (INITIAL).
 */
@Service
public class SearchReindexes {

    /** Why a rebuild was asked for. */
    public enum Kind {
        MANUAL, NIGHTLY, INITIAL
    }

    private final SearchReindexDao reindexes;
    private final IntentQueue intents;

    SearchReindexes(SearchReindexDao reindexes, IntentQueue intents) {
        this.reindexes = reindexes;
        this.intents = intents;
    }

    /** The new rebuild's id; empty when one is already waiting or running (that one will do). */
    public Optional<Long> request(Kind kind, Long requestedBy) {
        Optional<Long> id = reindexes.request(requestedBy, kind.name());
        id.ifPresent(i -> intents.enqueue(SearchReindexRequest.INTENT, i));
        return id;
    }
}
