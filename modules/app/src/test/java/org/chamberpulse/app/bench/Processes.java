package org.chamberpulse.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the benchmarks that start {@code scripts/chamberpulse run} as processes of their own share. */
final class Processes {

    private Processes() {
    }

    /** Waits until the process answers 200 on {@code /health/ready}; fails if it stops or takes three minutes. */
    static void awaitReady(Process run, int httpPort, long pollMillis) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new IllegalStateException("run stopped with exit code " + run.exitValue());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is still starting
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("run was not ready within 3 minutes");
    }

    /** A figure in kB from /proc/PID/status of the Java process (the script execs it, so it is the same pid). */
    static long status(Process run, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(run.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + run.pid() + "/status");
    }

    /**
     * The CPU the process's threads have used so far, in core-seconds, by kind of thread, read from /proc: it
     * shows what a JFR recording does not (the collector's concurrent threads, RocksDB's native background
     * threads). Linux truncates thread names to 15 characters, so the kinds go by prefix; Kafka Streams names
     * its threads after the application id. Threads that have ended (a compiler thread the JVM added for a
     * while, when allowed more than one of a kind) are counted apart: the process's own figure keeps their CPU.
     */
    static Map<String, Double> cpuByThreadKind(Process process, String applicationId) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String kind : List.of("stream threads", "JIT compilers", "garbage collector", "producers' network threads", "RocksDB background", "other")) {
            seconds.put(kind, 0.0);
        }
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    seconds.merge(threadKind(name, applicationId), cpuSeconds(task.resolve("stat")), Double::sum);
                } catch (IOException threadEnded) {
                    // a thread that ended while read: the process's figure below keeps its CPU
                }
            }
        }
        double living = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        seconds.put("threads that ended", Math.max(0, cpuSeconds(proc.resolve("stat")) - living));
        return seconds;
    }

    /** utime + stime of a /proc stat file (of a thread, or of a process with its ended threads), in seconds. */
    private static double cpuSeconds(Path stat) throws IOException {
        double ticksPerSecond = 100; // USER_HZ: 100 on every Linux architecture Java runs on
        String line = Files.readString(stat);
        // The fields after the name, which is in brackets and may hold spaces: utime and stime are the 12th and 13th.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond;
    }

    private static String threadKind(String name, String applicationId) {
        if (name.startsWith(applicationId.substring(0, Math.min(applicationId.length(), 15)))) {
            return "stream threads";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compilers";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (name.startsWith("kafka-producer")) {
            return "producers' network threads";
        }
        return name.startsWith("rocksdb:") ? "RocksDB background" : "other";
    }

    /** Stops a process as Ctrl-C would, and kills it if it has not stopped within a minute. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
