package org.openlearning.sandbox.runsc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Drains a stream on its own thread, keeping at most {@code keep} bytes and noting when more than
 * {@code limit} bytes arrived (then it stops reading, so the writer blocks until it is killed).
 */
final class BoundedCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int keep;
    private final long limit;
    private final Thread thread;
    private volatile long total;
    private volatile boolean exceeded;

    BoundedCapture(InputStream in, int keep, long limit, String name) {
        this.keep = keep;
        this.limit = limit;
        this.thread = Thread.ofVirtual().name(name).start(() -> drain(in));
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (kept) {
                    int room = keep - kept.size();
                    if (room > 0) {
                        kept.write(buffer, 0, Math.min(room, n));
                    }
                }
                total += n;
                if (total > limit) {
                    exceeded = true;
                    return;
                }
            }
        } catch (IOException e) {
            // the sandbox was killed and the pipe closed
        }
    }

    boolean exceeded() {
        return exceeded;
    }

    long total() {
        return total;
    }

    /** Waits up to {@code millis} for the stream's end and returns what was kept. */
    byte[] await(long millis) throws InterruptedException {
        thread.join(java.time.Duration.ofMillis(millis));
        synchronized (kept) {
            byte[] bytes = kept.toByteArray();
            return Arrays.copyOf(bytes, bytes.length);
        }
    }
}
