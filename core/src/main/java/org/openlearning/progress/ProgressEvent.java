package org.openlearning.progress;

import java.time.Instant;

/**
 * One report of the player (or of a "mark complete" click), as accepted by the API: where the
 * learner is in the lesson and whether it is done. Travels through the Redis stream as one compact
 * field ({@link #encode()}).
 *
 * @param acceptedAtMillis when the API accepted it; becomes {@code last_watched_at}
 */
public record ProgressEvent(long enrollmentId, long lessonId, int watchedSeconds, boolean completed,
        long acceptedAtMillis) {

    public ProgressEvent {
        if (enrollmentId <= 0 || lessonId <= 0 || watchedSeconds < 0 || acceptedAtMillis <= 0) {
            throw new IllegalArgumentException("not a progress event: " + enrollmentId + "," + lessonId + ","
                    + watchedSeconds + "," + acceptedAtMillis);
        }
    }

    public Instant acceptedAt() {
        return Instant.ofEpochMilli(acceptedAtMillis);
    }

    /** {@code enrollment,lesson,watched,completed(0|1),acceptedAtMillis}. */
    public String encode() {
        return enrollmentId + "," + lessonId + "," + watchedSeconds + "," + (completed ? '1' : '0') + ","
                + acceptedAtMillis;
    }

    /** The inverse of {@link #encode()}; IllegalArgumentException on anything else. */
    public static ProgressEvent decode(String text) {
        String[] f = text == null ? new String[0] : text.split(",", -1);
        if (f.length != 5 || !(f[3].equals("0") || f[3].equals("1"))) {
            throw new IllegalArgumentException("not an encoded progress event: " + text);
        }
        try {
            return new ProgressEvent(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]),
                    f[3].equals("1"), Long.parseLong(f[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an encoded progress event: " + text, e);
        }
    }
}
