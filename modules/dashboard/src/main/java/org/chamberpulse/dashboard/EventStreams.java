package org.chamberpulse.dashboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.UnmatchedSummary;
import org.chamberpulse.model.Validation;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /events}: the dashboard's server-sent events, on Jetty's asynchronous API so that no viewer holds
 * a thread and no viewer can hold up another.
 *
 * <p>Changes are conflated: one thread takes the newest value of each view, item summary and unmatched
 * hashtag that changed, turns each into bytes once, and queues them to the streams that follow it, where a
 * newer value replaces one still waiting. Each stream has at most one write in flight; what arrives
 * meanwhile goes out together in the next. A stream whose queue passes {@link #BUFFER_BYTES} is closed
 * (its browser reconnects), and so is one whose write makes no progress for the connector's idle timeout.
 * A comment line every {@code heartbeat} keeps proxies from closing quiet streams; a closed connection is
 * noticed at once by reading from it (an event stream sends nothing after its request), not at the next
 * failed write.
 */
final class EventStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    /** The queue of changes one stream may have waiting behind its write in flight. */
    static final int BUFFER_BYTES = 1 << 20;
    /** Small frames waiting together go out in one write of at most this many bytes. */
    static final int BATCH_BYTES = 16 * 1024;
    /** Changes that arrive within this time of a delivery wait for the next, so that a busy meeting costs each stream a few writes a second. */
    static final Duration SPACING = Duration.ofMillis(200);
    static final long RETRY_AFTER_SECONDS = 30;
    private static final byte[] HEARTBEAT = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param total      streams open at once, over every address
     * @param perAddress streams open at once from one address (an IPv6 /64 counts as one)
     * @param heartbeat  how often a quiet stream gets a comment line
     */
    record Limits(int total, int perAddress, Duration heartbeat) {
    }

    /** A change waiting for the next delivery. */
    private record Change(String event, String meetingId, Object value) {
    }

    private final LiveState state;
    private final Limits limits;
    private final Set<Stream> lists = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Stream>> byMeeting = new ConcurrentHashMap<>();
    private final Map<String, Set<Stream>> byHashtag = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Object changed = new Object();
    private Map<String, Change> pending = new LinkedHashMap<>();
    private volatile boolean running = true;
    private final Thread fanOut;

    EventStreams(LiveState state, Limits limits) {
        this.state = state;
        this.limits = limits;
        state.onChange(this::publish);
        this.fanOut = new Thread(this::fanOut, "sse-fan-out");
        fanOut.setDaemon(true);
        fanOut.start();
    }

    int size() {
        return open.get();
    }

    /** Streams refused by a limit, since the start. */
    long refused() {
        return refused.sum();
    }

    /** Streams closed because their client read too slowly, since the start. */
    long dropped() {
        return dropped.sum();
    }

    boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Answers.error(response, callback, 405, "/events answers GET only");
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        String meetingId = query.getValue("meeting");
        Optional<MeetingView> view = Optional.empty();
        if (meetingId != null) {
            view = meetingId.length() > Validation.MAX_ID_LENGTH ? Optional.empty() : state.meeting(meetingId);
            if (view.isEmpty() || view.get().meeting() == null) {
                Answers.error(response, callback, 404, "no meeting has that id");
                return true;
            }
        }
        String address = (String) request.getAttribute(ClientAddress.ATTRIBUTE);
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            return refuse(response, callback, 503, "the dashboard has as many live viewers as it serves; try again shortly");
        }
        if (!takeSlot(address)) {
            open.decrementAndGet();
            return refuse(response, callback, 429, "too many live streams from your address; close some and try again");
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Set<String> hashtags = view.map(v -> Set.copyOf(v.meeting().hashtags())).orElse(Set.of());
        Stream stream = new Stream(address, meetingId, hashtags, endPoint, response, callback);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Accel-Buffering", "no");
        // Registered before the snapshot is taken, so that no change falls between the two; changes queue behind it.
        register(stream);
        try {
            int page = Pages.number(query.getValue("page"), 1, 1, Integer.MAX_VALUE);
            stream.start(frame("snapshot", meetingId == null ? state.snapshot(page) : state.snapshot(meetingId)));
        } catch (IOException | RuntimeException e) {
            stream.close(e);
            return true;
        }
        request.addFailureListener(stream::close);
        stream.watchForClose();
        return true;
    }

    private boolean refuse(Response response, Callback callback, int status, String message) {
        refused.increment();
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        Answers.error(response, callback, status, message);
        return true;
    }

    private boolean takeSlot(String address) {
        boolean[] taken = {false};
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.perAddress()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void register(Stream stream) {
        if (stream.meetingId == null) {
            lists.add(stream);
            return;
        }
        byMeeting.computeIfAbsent(stream.meetingId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        stream.hashtags.forEach(tag -> byHashtag.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(stream));
    }

    private void unregister(Stream stream) {
        if (stream.meetingId == null) {
            lists.remove(stream);
        } else {
            remove(byMeeting, stream.meetingId, stream);
            stream.hashtags.forEach(tag -> remove(byHashtag, tag, stream));
        }
        perAddress.computeIfPresent(stream.address, (key, count) -> count <= 1 ? null : count - 1);
        open.decrementAndGet();
    }

    private static void remove(Map<String, Set<Stream>> index, String key, Stream stream) {
        index.computeIfPresent(key, (k, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** From the live state: a change of one meeting (or, with an empty meeting id, of an unmatched hashtag). */
    private void publish(String event, String meetingId, Object value) {
        String key;
        if (value instanceof ItemSummary summary) {
            key = event + '\0' + meetingId + '\0' + summary.itemId();
        } else if (value instanceof UnmatchedSummary unmatched) {
            key = event + '\0' + unmatched.hashtag();
        } else {
            key = event + '\0' + meetingId;
        }
        synchronized (changed) {
            pending.put(key, new Change(event, meetingId, value));
            changed.notifyAll();
        }
    }

    private void fanOut() {
        long nextHeartbeat = System.nanoTime() + limits.heartbeat().toNanos();
        while (running) {
            try {
                Map<String, Change> batch;
                synchronized (changed) {
                    long wait;
                    while (running && pending.isEmpty() && (wait = nextHeartbeat - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(changed, wait);
                    }
                    batch = pending;
                    pending = new LinkedHashMap<>();
                }
                Set<Stream> touched = Collections.newSetFromMap(new IdentityHashMap<>());
                batch.forEach((key, change) -> deliver(key, change, touched));
                if (System.nanoTime() - nextHeartbeat >= 0) {
                    nextHeartbeat = System.nanoTime() + limits.heartbeat().toNanos();
                    for (Stream stream : all()) {
                        stream.offer("", HEARTBEAT);
                        touched.add(stream);
                    }
                }
                touched.forEach(Stream::flush);
                Thread.sleep(SPACING.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("live update not delivered: {}", e.toString());
            }
        }
    }

    private void deliver(String key, Change change, Set<Stream> touched) {
        try {
            Set<Stream> followers = change.value() instanceof UnmatchedSummary unmatched
                    ? byHashtag.getOrDefault(unmatched.hashtag(), Set.of())
                    : byMeeting.getOrDefault(change.meetingId(), Set.of());
            if (followers.isEmpty() && lists.isEmpty()) {
                // No one to tell (a stream opened later starts from a snapshot): while the dashboard catches up
                // on a thousand meetings, or runs with no viewer, this is every change.
                return;
            }
            byte[] frame = frame(change.event(), change.value());
            offer(followers, key, frame, touched);
            if (!lists.isEmpty()) {
                offer(lists, key, change.value() instanceof MeetingView view ? frame(change.event(), ListedMeeting.of(view)) : frame, touched);
            }
        } catch (IOException e) {
            log.warn("live update of {} not serialisable: {}", change.event(), e.toString());
        }
    }

    private static void offer(Set<Stream> audience, String key, byte[] frame, Set<Stream> touched) {
        for (Stream stream : audience) {
            stream.offer(key, frame);
            touched.add(stream);
        }
    }

    /**
     * What the meeting list shows of a meeting, in the shape of its view: the list's streams get this in
     * their {@code view} events, not whole views with their quotes, alerts and timelines, so that a list of
     * many meetings stays cheap to follow. (They get every meeting's summaries and unmatched figures.)
     */
    record ListedMeeting(String meetingId, Meeting meeting, String runningItem, List<ListedItem> items) {
        static ListedMeeting of(MeetingView view) {
            return new ListedMeeting(view.meetingId(), view.meeting(), view.runningItem(), view.meeting() == null ? List.of()
                    : view.items().stream().map(s -> new ListedItem(s.itemId(), s.count(), s.uniqueAuthors(), s.reposts())).toList());
        }
    }

    record ListedItem(String itemId, long count, long uniqueAuthors, long reposts) {
    }

    private List<Stream> all() {
        List<Stream> all = new ArrayList<>(lists);
        byMeeting.values().forEach(all::addAll);
        return all;
    }

    static byte[] frame(String event, Object value) throws IOException {
        byte[] head = ("event: " + event + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
        // Jackson writes JSON on one line: no newline inside a string survives unescaped.
        byte[] json = Json.MAPPER.writeValueAsBytes(value);
        byte[] frame = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(json, 0, frame, head.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    @Override
    public void close() {
        running = false;
        fanOut.interrupt();
        all().forEach(stream -> stream.close(new EofException("the dashboard is stopping")));
    }

    /** One viewer's stream: its queue of frames by what they show, and the write in flight. */
    private final class Stream implements Callback {

        final String address;
        /** The meeting followed, or null: the meeting list. */
        final String meetingId;
        final Set<String> hashtags;
        private final EndPoint endPoint;
        private final Response response;
        private final Callback exchange;
        private final LinkedHashMap<String, byte[]> queued = new LinkedHashMap<>();
        private long queuedBytes;
        private boolean started;
        private boolean writing;
        private boolean closed;

        Stream(String address, String meetingId, Set<String> hashtags, EndPoint endPoint, Response response, Callback exchange) {
            this.address = address;
            this.meetingId = meetingId;
            this.hashtags = hashtags;
            this.endPoint = endPoint;
            this.response = response;
            this.exchange = exchange;
        }

        void start(byte[] snapshot) {
            synchronized (this) {
                Map<String, byte[]> waiting = new LinkedHashMap<>(queued);
                queued.clear();
                queued.put("snapshot", snapshot);
                queued.putAll(waiting);
                queuedBytes += snapshot.length;
                started = true;
            }
            flush();
        }

        void offer(String key, byte[] frame) {
            boolean full;
            synchronized (this) {
                if (closed) {
                    return;
                }
                byte[] replaced = queued.remove(key);
                if (replaced != null) {
                    queuedBytes -= replaced.length;
                }
                full = !queued.isEmpty() && queuedBytes + frame.length > BUFFER_BYTES;
                if (!full) {
                    queued.put(key, frame);
                    queuedBytes += frame.length;
                    if (queuedBytes < BATCH_BYTES) {
                        return;
                    }
                }
            }
            if (full) {
                dropped.increment();
                close(new IOException("the client reads too slowly"));
            } else {
                // A burst goes out as it comes while the client keeps up; only what waits behind a stalled write counts against it.
                flush();
            }
        }

        void flush() {
            ByteBuffer out;
            synchronized (this) {
                if (!started || writing || closed || queued.isEmpty()) {
                    return;
                }
                out = takeBatch();
                writing = true;
            }
            response.write(false, out, this);
        }

        /**
         * The frames that go out in the next write, oldest first: one alone without a copy, or several
         * small ones together up to {@link #BATCH_BYTES}, so that a stream's write holds little memory of its own.
         */
        private ByteBuffer takeBatch() {
            Iterator<byte[]> frames = queued.values().iterator();
            byte[] first = frames.next();
            frames.remove();
            queuedBytes -= first.length;
            if (!frames.hasNext() || first.length >= BATCH_BYTES) {
                return ByteBuffer.wrap(first);
            }
            ByteBuffer out = ByteBuffer.allocate(BATCH_BYTES).put(first);
            while (frames.hasNext()) {
                byte[] next = frames.next();
                if (next.length > out.remaining()) {
                    break;
                }
                out.put(next);
                frames.remove();
                queuedBytes -= next.length;
            }
            return out.flip();
        }

        /** The write in flight is done. */
        @Override
        public void succeeded() {
            synchronized (this) {
                writing = false;
            }
            flush();
        }

        @Override
        public void failed(Throwable cause) {
            close(cause);
        }

        void close(Throwable cause) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                queued.clear();
            }
            unregister(this);
            // Closing the connection fails a write in flight; the exchange ends with it, and never normally, as the
            // connection would then look for a next request on a socket this stream reads.
            endPoint.close(cause);
            exchange.failed(cause);
        }

        /** Reads from the connection: an event stream's client sends nothing more, so anything read, or its end, closes the stream. */
        void watchForClose() {
            ByteBuffer sink = BufferUtil.allocate(64);
            Callback readable = new Callback() {
                @Override
                public void succeeded() {
                    try {
                        BufferUtil.clear(sink);
                        int read = endPoint.fill(sink);
                        if (read == 0) {
                            endPoint.tryFillInterested(this);
                        } else {
                            close(new EofException(read < 0 ? "the client closed the stream" : "the client sent more than one request"));
                        }
                    } catch (IOException e) {
                        close(e);
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    close(cause);
                }
            };
            if (!endPoint.tryFillInterested(readable)) {
                log.debug("the connection reads already; a closed stream is found by the heartbeat");
            }
        }
    }
}
