package org.chamberpulse.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Utils;
import org.chamberpulse.app.FreePorts;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.LoadGenerator;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.Json;

/**
 * {@code scripts/bench web [VIEWERS] [DURATION]}: the public edge under load, against
 * {@code scripts/chamberpulse run} as a process of its own (its launcher, its JVM options), on loopback.
 * <ol>
 *   <li>VIEWERS (default 10,000) live streams of one meeting, spread over 100 loopback addresses
 *       (127.0.1.x), all reading, while 100 comments a second arrive for DURATION (default 2 minutes); a
 *       normal viewer's latency from a summary's newest {@code receivedAt} to its arrival.</li>
 *   <li>100 viewers that never read, and 20,000 streams opened, read to their snapshot and closed, with the
 *       same load; the normal viewer's latency; then the server's open files and heap (after a GC) against
 *       the baseline, a minute later.</li>
 *   <li>1,000 sockets that send request bodies one byte a second (reopened when the server closes them); a
 *       normal client's {@code /health/ready}, {@code /login} and {@code POST /api/v1/comments}.</li>
 * </ol>
 */
public final class Web {

    private static final double COMMENTS_PER_SECOND = 100;
    private static final int ADDRESSES = 100;

    private final int httpPort;
    private final int metricsPort;
    private final Process run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Web(int httpPort, int metricsPort, Process run) {
        this.httpPort = httpPort;
        this.metricsPort = metricsPort;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        int viewers = Integer.parseInt(args.length > 0 ? args[0] : "10000");
        Duration duration = PulseConfig.parseDuration(args.length > 1 ? args[1] : "2m");
        Path dir = Files.createTempDirectory("bench-web");
        int httpPort = FreePorts.pick();
        int brokerPort = FreePorts.pick();
        int metricsPort = FreePorts.pick();
        Process run = new ProcessBuilder("scripts/chamberpulse", "run", "--data-dir", dir.toString(), "--http-port", Integer.toString(httpPort),
                "--broker-port", Integer.toString(brokerPort), "--set", "metrics.port=" + metricsPort)
                .redirectOutput(dir.resolve("run.log").toFile()).redirectErrorStream(true).start();
        try {
            Processes.awaitReady(run, httpPort, 200);
            PulseConfig config = PulseConfig.fromSettings(Map.of("data.dir", dir.resolve("load").toString(), "bootstrap", "127.0.0.1:" + brokerPort));
            try (PulseProducer producer = new PulseProducer(config, config.bootstrap())) {
                LoadGenerator load = new LoadGenerator(producer, Clock.systemUTC(), 23);
                String meetingId = load.openMeetings(1, "web").get(0);
                Web bench = new Web(httpPort, metricsPort, run);
                bench.awaitMeeting(meetingId);
                String first = bench.viewers(load, meetingId, viewers, duration);
                String second = bench.neverReadersAndCycles(load, meetingId, duration);
                String third = bench.slowBodies(load, meetingId);
                System.out.printf("RESULT %s; %s; %s%n", first, second, third);
            }
        } finally {
            Processes.stop(run);
            Utils.delete(dir.toFile());
        }
    }

    private String viewers(LoadGenerator load, String meetingId, int count, Duration duration) throws Exception {
        try (Viewers viewers = new Viewers(httpPort, "/events?meeting=" + meetingId)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                viewers.open("127.0.1." + (1 + i % ADDRESSES));
                if (i % 500 == 499) {
                    awaitTrue(() -> viewers.answered() >= viewers.opened() - 5, Duration.ofSeconds(60));
                }
            }
            awaitTrue(() -> viewers.answered() >= count, Duration.ofSeconds(120));
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d viewers streaming (%,d refused) in %.1f s; server: %,d open files, RSS %,d MB%n", viewers.streaming(),
                    viewers.refused(), connectSeconds, openFiles(), Processes.status(run, "VmRSS") / 1024);
            try (NormalViewer normal = new NormalViewer(httpPort, meetingId)) {
                long loadStart = System.nanoTime();
                load.run(1, "web", COMMENTS_PER_SECOND, duration, null);
                Thread.sleep(2_000);
                long updated = viewers.readSince(loadStart + TimeUnit.SECONDS.toNanos(5));
                String figures = String.format("%,d viewers, %,d updated during the load; normal viewer %s; peak RSS %,d MB",
                        viewers.streaming(), updated, normal.latencies(), Processes.status(run, "VmHWM") / 1024);
                System.out.println("1. " + figures);
                return "1. " + figures;
            }
        }
    }

    private String neverReadersAndCycles(LoadGenerator load, String meetingId, Duration duration) throws Exception {
        awaitTrue(() -> scrape("chamberpulse_sse_clients ") == 0, Duration.ofSeconds(60));
        long files = openFiles();
        long heap = heapAfterGc();
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.bind(new InetSocketAddress("127.0.2." + (1 + i % 10), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", httpPort));
            socket.getOutputStream().write(ascii("GET /events" + (i % 2 == 0 ? "?meeting=" + meetingId : "") + " HTTP/1.1\r\nHost: bench\r\n\r\n"));
            stalled.add(socket);
        }
        AtomicInteger cycles = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> cyclers = new ArrayList<>();
        long cycleStart = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread cycler = new Thread(() -> {
                int done = 0;
                while (cycles.incrementAndGet() <= 20_000) {
                    try (Socket socket = new Socket()) {
                        socket.bind(new InetSocketAddress("127.0.3." + (1 + (thread * 50 + done++ % 50)), 0));
                        socket.connect(new InetSocketAddress("127.0.0.1", httpPort));
                        socket.setSoTimeout(10_000);
                        socket.getOutputStream().write(ascii("GET /events?meeting=" + meetingId + " HTTP/1.1\r\nHost: bench\r\n\r\n"));
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                        String line;
                        do {
                            line = in.readLine();
                        } while (line != null && !line.startsWith("data:"));
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            cycler.start();
            cyclers.add(cycler);
        }
        String latencies;
        try (NormalViewer normal = new NormalViewer(httpPort, meetingId)) {
            load.run(1, "web", COMMENTS_PER_SECOND, duration, null);
            for (Thread cycler : cyclers) {
                cycler.join();
            }
            latencies = normal.latencies();
        }
        double cycleSeconds = (System.nanoTime() - cycleStart) / 1e9;
        long filesAfter = openFiles();
        double dropped = scrape("chamberpulse_sse_dropped_total ");
        // The attack stops: what it held must now come back (a never-reader sent too little to fill its buffers
        // looks like any quiet viewer, and is held until it goes).
        for (Socket socket : stalled) {
            socket.close();
        }
        long start = System.nanoTime();
        awaitTrue(() -> openFiles() <= files + 20, Duration.ofMinutes(2));
        double settled = (System.nanoTime() - start) / 1e9;
        long heapAfter = heapAfterGc();
        String figures = String.format("20,000 cycles in %.0f s (%d failed) beside 100 never-readers (%,.0f dropped by the server); normal viewer %s; "
                        + "server open files %,d before, %,d after the cycles, back to %,d (baseline %,d) %.0f s later; heap after GC %,d MB before, %,d MB after",
                cycleSeconds, failed.get(), dropped, latencies, files, filesAfter, openFiles(), files, settled,
                heap >> 20, heapAfter >> 20);
        System.out.println("2. " + figures);
        return "2. " + figures;
    }

    private String slowBodies(LoadGenerator load, String meetingId) throws Exception {
        List<Socket> slow = Collections.synchronizedList(new ArrayList<>());
        AtomicLong reopened = new AtomicLong();
        for (int i = 0; i < 1_000; i++) {
            slow.add(slowBody(i));
        }
        List<Long> health = new CopyOnWriteArrayList<>();
        List<Long> loginPage = new CopyOnWriteArrayList<>();
        List<Long> api = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long nextTrickle = 0;
        int request = 0;
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextTrickle) {
                for (int i = 0; i < slow.size(); i++) {
                    try {
                        slow.get(i).getOutputStream().write('u');
                    } catch (IOException closedByServer) {
                        slow.get(i).close();
                        slow.set(i, slowBody(i));
                        reopened.incrementAndGet();
                    }
                }
                nextTrickle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
            health.add(timed(HttpRequest.newBuilder(uri("/health/ready")).build()));
            loginPage.add(timed(HttpRequest.newBuilder(uri("/login")).build()));
            api.add(timed(HttpRequest.newBuilder(uri("/api/v1/comments")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"slow-" + request++ + "\",\"author\":\"b\",\"text\":\"Bench #"
                            + LoadGenerator.hashtag("web", 0) + "\"}")).build()));
            Thread.sleep(200);
        }
        for (Socket socket : slow) {
            socket.close();
        }
        String figures = String.format("1,000 slow-body sockets (%,d reopened after the server's 408): /health/ready %s, /login %s, POST /api/v1/comments %s",
                reopened.get(), percentiles(health), percentiles(loginPage), percentiles(api));
        System.out.println("3. " + figures);
        return "3. " + figures;
    }

    private Socket slowBody(int i) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress("127.0.4." + (1 + i % 50), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", httpPort));
        socket.getOutputStream().write(ascii("POST /login HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 10000\r\n\r\nuser="));
        return socket;
    }

    /** Milliseconds to the answer; 60,000 for none within a minute. */
    private long timed(HttpRequest request) {
        long start = System.nanoTime();
        try {
            http.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        } catch (IOException | InterruptedException e) {
            return 60_000;
        }
    }

    static String percentiles(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no samples";
        }
        return String.format("p50 %,d ms, p99 %,d ms, max %,d ms (%,d)", at(sorted, 0.5), at(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private void awaitMeeting(String meetingId) throws Exception {
        awaitTrue(() -> http.send(HttpRequest.newBuilder(uri("/api/v1/meetings/" + meetingId + "/summary")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200, Duration.ofSeconds(60));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc", Long.toString(run.pid()), "fd"))) {
            return files.count();
        }
    }

    private long heapAfterGc() throws Exception {
        new ProcessBuilder("jcmd", Long.toString(run.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor(60, TimeUnit.SECONDS);
        return (long) scrape("jvm_memory_used_bytes{area=\"heap\"");
    }

    /** The sum of the management port's series that start so. */
    private double scrape(String prefix) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return page.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + within);
            }
            Thread.sleep(200);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A viewer as a browser is: it follows the meeting and notes how late each summary arrives. */
    private static final class NormalViewer implements AutoCloseable {

        /** Summaries of the first seconds are left out: the JIT is still compiling the topology's paths. */
        private static final Duration WARM_UP = Duration.ofSeconds(30);
        private final long opened = System.nanoTime();
        private final Socket socket;
        private final List<Long> latencies = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> events = new ConcurrentSkipListMap<>();
        private volatile String status;
        private final Thread reader;

        NormalViewer(int port, String meetingId) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(ascii("GET /events?meeting=" + meetingId + " HTTP/1.1\r\nHost: bench\r\n\r\n"));
            reader = new Thread(this::read, "normal-viewer");
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                String line = in.readLine();
                status = line;
                boolean summary = false;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        events.merge(line.substring(6).strip(), 1, Integer::sum);
                        summary = line.equals("event: summary");
                    } else if (summary && line.startsWith("data:") && System.nanoTime() - opened > WARM_UP.toNanos()) {
                        long now = System.currentTimeMillis();
                        JsonNode item = Json.MAPPER.readTree(line.substring(5));
                        if (item.hasNonNull("lastReceivedAt")) {
                            latencies.add(now - Instant.parse(item.get("lastReceivedAt").asText()).toEpochMilli());
                        }
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        String latencies() {
            return "summaries " + percentiles(latencies) + " (answer " + status + ", events " + events + ")";
        }

        @Override
        public void close() throws Exception {
            socket.close();
            reader.join(5_000);
        }
    }

    /** Many live streams on one selector thread, each read and thrown away, with when each last got bytes. */
    private static final class Viewers implements AutoCloseable {

        private final int port;
        private final byte[] request;
        private final Selector selector;
        private final ConcurrentLinkedQueue<SocketChannel> toRegister = new ConcurrentLinkedQueue<>();
        private final List<Viewer> all = new CopyOnWriteArrayList<>();
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final Thread loop;
        private volatile boolean running = true;

        private static final class Viewer {
            boolean headRead;
            volatile boolean streaming;
            volatile long lastRead;
        }

        Viewers(int port, String path) throws IOException {
            this.port = port;
            this.request = ascii("GET " + path + " HTTP/1.1\r\nHost: bench\r\n\r\n");
            this.selector = Selector.open();
            this.loop = new Thread(this::loop, "viewers");
            loop.start();
        }

        void open(String localAddress) throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.bind(new InetSocketAddress(localAddress, 0));
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            toRegister.add(channel);
            selector.wakeup();
        }

        int opened() {
            return all.size() + toRegister.size();
        }

        int answered() {
            return answered.get();
        }

        int refused() {
            return refused.get();
        }

        long streaming() {
            return all.stream().filter(v -> v.streaming).count();
        }

        long readSince(long nanos) {
            return all.stream().filter(v -> v.streaming && v.lastRead >= nanos).count();
        }

        private void loop() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            while (running) {
                try {
                    SocketChannel added;
                    while ((added = toRegister.poll()) != null) {
                        Viewer viewer = new Viewer();
                        all.add(viewer);
                        added.register(selector, SelectionKey.OP_CONNECT, viewer);
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel channel = (SocketChannel) key.channel();
                        Viewer viewer = (Viewer) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                channel.finishConnect();
                                channel.write(ByteBuffer.wrap(request));
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                buffer.clear();
                                int read = channel.read(buffer);
                                if (read < 0) {
                                    viewer.streaming = false;
                                    key.cancel();
                                    channel.close();
                                    continue;
                                }
                                if (!viewer.headRead) {
                                    viewer.headRead = true;
                                    buffer.flip();
                                    String head = StandardCharsets.ISO_8859_1.decode(buffer).toString();
                                    viewer.streaming = head.startsWith("HTTP/1.1 200");
                                    if (!viewer.streaming) {
                                        refused.incrementAndGet();
                                    }
                                    answered.incrementAndGet();
                                }
                                viewer.lastRead = System.nanoTime();
                            }
                        } catch (IOException e) {
                            viewer.streaming = false;
                            key.cancel();
                            channel.close();
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            loop.join(5_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }
}
