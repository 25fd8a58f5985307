package org.chamberpulse.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C stops everything cleanly: the hook wakes the main thread, which closes what it
 * started, and holds the JVM open until it has.
 */
final class Shutdown {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    private Shutdown() {
    }

    /** Call from the main thread: a signal also interrupts it, so that a replay in progress stops. */
    static Shutdown onSignal() {
        Shutdown shutdown = new Shutdown();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.requested.countDown();
            main.interrupt();
            try {
                shutdown.done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chamberpulse-shutdown"));
        return shutdown;
    }

    void awaitSignal() throws InterruptedException {
        requested.await();
    }

    /** Called once everything is closed. */
    void completed() {
        done.countDown();
    }
}
