package org.openlearning.sandbox.run;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openlearning.sandbox.SandboxProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A bounded pool of requests running sandboxes (size {@code sandbox.pool-size}, default the number
 * of cores) in front of a bounded queue ({@code sandbox.queue-capacity}); when both are full a
 * request is refused at once and the caller retries later (429).
 */
@Component
public class RunPool implements DisposableBean {

    /** Pool and queue are full. */
    public static final class FullException extends RuntimeException {
        FullException() {
            super("the sandbox pool and its queue are full; retry later");
        }
    }

    /** The runner is stopping. */
    public static final class ShuttingDownException extends RuntimeException {
        ShuttingDownException() {
            super("the sandbox runner is shutting down");
        }
    }

    private final ThreadPoolExecutor executor;
    private final RunMetrics metrics;
    private final int size;
    private final int queueCapacity;
    private volatile boolean stopping;

    public RunPool(SandboxProperties properties, RunMetrics metrics) {
        this.size = properties.effectivePoolSize();
        this.queueCapacity = properties.queueCapacity();
        this.metrics = metrics;
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(queueCapacity);
        this.executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, queue,
                Thread.ofPlatform().name("sandbox-", 0).factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} in the pool and waits for it; throws {@link FullException} when there is no room. */
    public <T> T call(Callable<T> work) throws Exception {
        if (stopping) {
            throw new ShuttingDownException();
        }
        Future<T> future;
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        metrics.enqueued();
        try {
            future = executor.submit(() -> {
                if (!started.compareAndSet(false, true)) {
                    return null;
                }
                metrics.started();
                try {
                    return work.call();
                } finally {
                    metrics.finished();
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.dequeuedWithoutRunning();
            metrics.rejected();
            throw stopping ? new ShuttingDownException() : new FullException();
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            // still waiting in the queue: it will never start, so it leaves the queue count now
            if (started.compareAndSet(false, true)) {
                metrics.dequeuedWithoutRunning();
            }
            future.cancel(true);
            throw e;
        }
    }

    public int size() {
        return size;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
