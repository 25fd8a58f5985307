package org.chamberpulse.dashboard;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.model.Json;

/**
 * The live connections of the dashboard. Events are written from one thread of its own, so that a slow
 * browser never holds up the feed that reads Kafka; a connection that fails is dropped.
 */
public final class SseHub implements AutoCloseable {

    /** Each client with the meeting it follows (empty: all). */
    private final Map<SseClient, String> clients = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-sender");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Holds the connection open, sends the current state, then every change (of one meeting, when
     * {@code meetingId} is not empty).
     */
    public void join(SseClient client, String meetingId, Supplier<Object> snapshot) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        sender.execute(() -> {
            send(client, "snapshot", snapshot.get());
            clients.put(client, meetingId);
        });
    }

    /** @param meetingId the meeting the change belongs to, or empty for a change every client hears */
    public void publish(String event, String meetingId, Object value) {
        sender.execute(() -> clients.forEach((client, followed) -> {
            if (followed.isEmpty() || meetingId.isEmpty() || followed.equals(meetingId)) {
                send(client, event, value);
            }
        }));
    }

    public int size() {
        return clients.size();
    }

    private void send(SseClient client, String event, Object value) {
        try {
            client.sendEvent(event, Json.MAPPER.writeValueAsString(value));
            if (client.terminated()) {
                clients.remove(client);
            }
        } catch (Exception e) {
            clients.remove(client);
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        clients.keySet().forEach(SseClient::close);
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
