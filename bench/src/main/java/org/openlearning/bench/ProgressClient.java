package org.openlearning.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * One client of the progress bench: a keep-alive connection and the (enrollment, lesson) keys no
 * other client touches, reported in turn, each with a watched_seconds one higher than the last.
 * Remembers per key the highest value the API accepted. Driven by {@link EventLoopHttp}; what it
 * tallies goes to the counter (and lag probes) of the current phase.
 */
final class ProgressClient implements EventLoopHttp.Exchange {

    private final ProgressCourse course;
    private final String host;
    private final int[] keys;
    private final int[] sent;
    private final int[] accepted;
    private final BiConsumer<String, String> firstError;
    private int next;
    private int current = -1;
    private long requests;
    private int connects;
    private Round.Counter counter;
    private LagProbes probes;
    private int probeEvery;

    /** Client {@code index} of {@code clients} owns every lesson of the enrollments {@code index} mod {@code clients}. */
    ProgressClient(ProgressCourse course, int index, int clients, String host, BiConsumer<String, String> firstError) {
        this.course = course;
        this.host = host;
        int lessons = course.lessons().length;
        int owned = 0;
        for (int e = index; e < course.enrollments().length; e += clients) {
            owned += lessons;
        }
        this.keys = new int[owned];
        int at = 0;
        for (int e = index; e < course.enrollments().length; e += clients) {
            for (int l = 0; l < lessons; l++) {
                keys[at++] = e * lessons + l;
            }
        }
        this.sent = new int[owned];
        this.accepted = new int[owned];
        this.firstError = firstError;
    }

    /**
     * Tallies the next phase into {@code counter}; every {@code probeEvery}-th request, when
     * accepted, becomes a probe of the compaction lag (none when {@code probes} is null).
     */
    void phase(Round.Counter counter, LagProbes probes, int probeEvery) {
        this.counter = counter;
        this.probes = probes;
        this.probeEvery = probeEvery;
    }

    /** The next key's report; null (done) when a key would pass the end of its lesson. */
    @Override
    public byte[] next() {
        if (keys.length == 0) {
            return null;
        }
        int i = next;
        next = (next + 1) % keys.length;
        int value = sent[i] + 1;
        if (value > ProgressCourse.LESSON_SECONDS) {
            return null;
        }
        sent[i] = value;
        current = i;
        requests++;
        int key = keys[i];
        String path = "/api/progress/" + course.enrollmentOf(key) + "/lessons/" + course.lessonOf(key);
        return EventLoopHttp.request("PUT", path, host, course.tokenOf(key),
                "{\"watched_seconds\":" + value + ",\"completed\":false}");
    }

    @Override
    public void answered(int status, byte[] body, long nanos) {
        if (status < 200 || status >= 300) {
            String kind = "HTTP " + status;
            counter.error(kind, nanos);
            firstError.accept(kind, new String(body, StandardCharsets.UTF_8));
            return;
        }
        if (status == 202) {
            counter.created(nanos);
        } else {
            counter.existing(nanos);
        }
        accepted[current] = sent[current];
        if (probes != null && requests % probeEvery == 0) {
            probes.add(keys[current], sent[current], System.nanoTime());
        }
    }

    @Override
    public void failed(IOException e, long nanos) {
        String kind = e.getClass().getSimpleName();
        counter.error(kind, nanos);
        firstError.accept(kind, String.valueOf(e.getMessage()));
        connects++;
    }

    /** Writes this client's highest accepted value of each of its keys into {@code byKey}. */
    void acceptedInto(int[] byKey) {
        for (int i = 0; i < keys.length; i++) {
            byKey[keys[i]] = accepted[i];
        }
    }

    /** Connections lost (each one is opened again). */
    int reconnects() {
        return connects;
    }
}
