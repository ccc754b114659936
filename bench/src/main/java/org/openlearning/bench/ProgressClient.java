package org.openlearning.bench;

import java.io.IOException;
import java.net.URI;
import java.util.function.BiConsumer;

/**
 * One client of the progress bench: a keep-alive connection and the (enrollment, lesson) keys no
 * other client touches, reported in turn, each with a watched_seconds one higher than the last.
 * Remembers per key the highest value the API accepted.
 */
final class ProgressClient implements AutoCloseable {

    private final ProgressCourse course;
    private final int[] keys;
    private final int[] sent;
    private final int[] accepted;
    private final HttpLoad http;
    private final BiConsumer<String, String> firstError;
    private int next;
    private long requests;

    /** Client {@code index} of {@code clients} owns every lesson of the enrollments {@code index} mod {@code clients}. */
    ProgressClient(ProgressCourse course, int index, int clients, URI web, BiConsumer<String, String> firstError) {
        this.course = course;
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
        this.http = new HttpLoad(web);
        this.firstError = firstError;
    }

    /**
     * Reports until {@code deadline}; every {@code probeEvery}-th request, when accepted, becomes a
     * probe of the compaction lag (none when {@code probes} is null). Stops early if a key would pass
     * the end of its lesson.
     */
    void loop(Round.Counter counter, long deadline, LagProbes probes, int probeEvery) {
        while (System.nanoTime() < deadline && keys.length > 0) {
            int i = next;
            next = (next + 1) % keys.length;
            int value = sent[i] + 1;
            if (value > ProgressCourse.LESSON_SECONDS) {
                return;
            }
            sent[i] = value;
            int key = keys[i];
            String path = "/api/progress/" + course.enrollmentOf(key) + "/lessons/" + course.lessonOf(key);
            String body = "{\"watched_seconds\":" + value + ",\"completed\":false}";
            requests++;
            long t0 = System.nanoTime();
            try {
                HttpLoad.Answer answer = http.put(path, course.tokenOf(key), body);
                long t1 = System.nanoTime();
                if (!answer.ok()) {
                    String kind = "HTTP " + answer.status();
                    counter.error(kind, t1 - t0);
                    firstError.accept(kind, answer.errorBody());
                    continue;
                }
                if (answer.status() == 202) {
                    counter.created(t1 - t0);
                } else {
                    counter.existing(t1 - t0);
                }
                accepted[i] = value;
                if (probes != null && requests % probeEvery == 0) {
                    probes.add(key, value, t1);
                }
            } catch (IOException | RuntimeException e) {
                String kind = e.getClass().getSimpleName();
                counter.error(kind, System.nanoTime() - t0);
                firstError.accept(kind, String.valueOf(e.getMessage()));
            }
        }
    }

    /** Writes this client's highest accepted value of each of its keys into {@code byKey}. */
    void acceptedInto(int[] byKey) {
        for (int i = 0; i < keys.length; i++) {
            byKey[keys[i]] = accepted[i];
        }
    }

    int connects() {
        return http.connects();
    }

    @Override
    public void close() {
        http.close();
    }
}
