package org.chamberpulse.app;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.sentiment.Analysis;
import org.chamberpulse.sentiment.SentimentAnalyzer;
import org.chamberpulse.sentiment.VaderScores;
import picocli.CommandLine.Command;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score sentiment: one text a line on stdin (UTF-8), one JSON object a line on stdout, in input order:",
            "{\"neg\",\"neu\",\"pos\",\"compound\",\"label\",\"lang\"}; compound is null for a text not in English (unscored)."})
final class ScoreCommand implements Callable<Integer> {

    /** About this many bytes of input are scored together by one worker. */
    private static final int CHUNK = 1 << 18;

    /**
     * The main thread only cuts the input into chunks of whole lines and writes results back in order;
     * workers on every core decode, score and encode. A bounded number of chunks is in flight, so memory
     * stays constant whatever the input's length.
     */
    @Override
    public Integer call() throws Exception {
        SentimentAnalyzer.warmUpInBackground();
        SentimentAnalyzer analyzer = new SentimentAnalyzer();
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "score");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
        InputStream in = new FileInputStream(FileDescriptor.in);
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)) {
            byte[] buffer = new byte[CHUNK];
            int filled = 0;
            int read;
            while ((read = in.read(buffer, filled, buffer.length - filled)) >= 0) {
                filled += read;
                int lastNewline = lastIndexOf(buffer, filled, (byte) '\n');
                if (lastNewline < 0) {
                    if (filled == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buffer, lastNewline + 1);
                inFlight.add(pool.submit(() -> score(analyzer, chunk, chunk.length)));
                filled -= lastNewline + 1;
                System.arraycopy(buffer, lastNewline + 1, buffer, 0, filled);
                if (inFlight.size() >= 3 * workers) {
                    out.write(inFlight.poll().get());
                }
            }
            if (filled > 0) {
                byte[] rest = Arrays.copyOf(buffer, filled);
                inFlight.add(pool.submit(() -> score(analyzer, rest, rest.length)));
            }
            while (!inFlight.isEmpty()) {
                out.write(inFlight.poll().get());
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private static int lastIndexOf(byte[] bytes, int length, byte wanted) {
        for (int k = length - 1; k >= 0; k--) {
            if (bytes[k] == wanted) {
                return k;
            }
        }
        return -1;
    }

    /** Scores every line of the chunk (a last line without a newline included); "\r\n" ends a line too. */
    static byte[] score(SentimentAnalyzer analyzer, byte[] chunk, int length) {
        StringBuilder lines = new StringBuilder(length + length / 2);
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && chunk[end] != '\n') {
                end++;
            }
            int textEnd = end > start && chunk[end - 1] == '\r' ? end - 1 : end;
            write(analyzer.analyse(new String(chunk, start, textEnd - start, StandardCharsets.UTF_8)), lines);
            start = end + 1;
        }
        byte[] bytes = new byte[lines.length()];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) lines.charAt(k);
        }
        return bytes;
    }

    /** One result as a JSON line; every character of it is ASCII. */
    static void write(Analysis analysis, StringBuilder out) {
        VaderScores scores = analysis.scores();
        out.append("{\"neg\":");
        number(out, scores == null ? 0.0 : scores.neg(), 3);
        out.append(",\"neu\":");
        number(out, scores == null ? 0.0 : scores.neu(), 3);
        out.append(",\"pos\":");
        number(out, scores == null ? 0.0 : scores.pos(), 3);
        out.append(",\"compound\":");
        if (scores == null) {
            out.append("null");
        } else {
            number(out, scores.compound(), 4);
        }
        Sentiment.Label label = scores == null ? Sentiment.Label.UNSCORED : Sentiment.labelFor(scores.compound());
        out.append(",\"label\":\"").append(LABELS[label.ordinal()]).append("\",\"lang\":\"");
        out.append(analysis.lang()).append("\"}\n");
    }

    private static final String[] LABELS = Arrays.stream(Sentiment.Label.values())
            .map(label -> label.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    /** A rounded score as Python prints it: "0.0", "0.594", "-0.0258". */
    static void number(StringBuilder out, double value, int digits) {
        long scale = digits == 3 ? 1_000 : 10_000;
        long units = Math.round(value * scale);
        if (units < 0) {
            out.append('-');
            units = -units;
        }
        out.append(units / scale).append('.');
        long fraction = units % scale;
        if (fraction == 0) {
            out.append('0');
            return;
        }
        for (long place = scale / 10; fraction > 0; place /= 10) {
            long digit = fraction / place;
            out.append((char) ('0' + digit));
            fraction -= digit * place;
        }
    }
}
