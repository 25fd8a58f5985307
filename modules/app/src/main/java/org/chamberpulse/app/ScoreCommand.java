package org.chamberpulse.app;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.sentiment.Analysis;
import org.chamberpulse.sentiment.SentimentAnalyzer;
import org.chamberpulse.sentiment.VaderScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score sentiment: one text a line on stdin (UTF-8), one JSON object a line on stdout, in input order:",
            "{\"neg\",\"neu\",\"pos\",\"compound\",\"label\",\"lang\",\"model\"}; compound is null for a text not in English (unscored).",
            "With the tuned model neg, neu and pos are the class probabilities, compound is pos - neg and the label the most",
            "probable class; with vader they are VADER 3.3.1's own numbers, its label the compound at +/-0.05."})
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "tuned|vader",
            description = "the model: tuned (the default, as sentiment.model) or vader (VADER 3.3.1 exactly)")
    String model = Sentiment.Model.DEFAULT.wireName();

    /** About this many bytes of input are scored together by one worker. */
    private static final int CHUNK = 1 << 18;

    /**
     * The main thread only cuts the input into chunks of whole lines; workers on every core decode, score
     * and encode them; a writer thread writes the results back in input order, and flushes whenever it
     * has written all that is ready, so that a caller who writes a line and waits for its answer gets
     * it. A bounded number of chunks is in flight, so memory stays constant whatever the input's length.
     */
    @Override
    public Integer call() throws Exception {
        Sentiment.Model chosen = switch (model) {
            case "tuned" -> Sentiment.Model.TUNED;
            case "vader" -> Sentiment.Model.VADER;
            default -> throw new IllegalArgumentException("--model must be tuned or vader, got '" + model + "'");
        };
        SentimentAnalyzer.warmUpInBackground();
        return score(new Scorer(chosen), new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
    }

    /** The analyzer of the chosen model, and the model's name for every line. */
    record Scorer(SentimentAnalyzer analyzer, byte[] name) {
        Scorer(Sentiment.Model model) {
            this(model == Sentiment.Model.TUNED ? SentimentAnalyzer.tuned() : SentimentAnalyzer.vader(), ascii(model.wireName()));
        }
    }

    private static int score(Scorer scorer, InputStream in, OutputStream out) throws IOException, InterruptedException {
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "score");
            thread.setDaemon(true);
            return thread;
        });
        InOrderWriter writer = new InOrderWriter(new ArrayBlockingQueue<>(3 * workers), out);
        Thread writing = new Thread(writer, "score-output");
        writing.start();
        try {
            byte[] buffer = new byte[CHUNK];
            int filled = 0;
            int read;
            while (!writer.failed() && (read = in.read(buffer, filled, buffer.length - filled)) >= 0) {
                filled += read;
                int lastNewline = lastIndexOf(buffer, filled, (byte) '\n');
                if (lastNewline < 0) {
                    if (filled == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buffer, lastNewline + 1);
                writer.results.put(pool.submit(() -> score(scorer, chunk, chunk.length)));
                filled -= lastNewline + 1;
                System.arraycopy(buffer, lastNewline + 1, buffer, 0, filled);
            }
            if (filled > 0 && !writer.failed()) {
                byte[] rest = Arrays.copyOf(buffer, filled);
                writer.results.put(pool.submit(() -> score(scorer, rest, rest.length)));
            }
        } finally {
            writer.results.put(InOrderWriter.END);
            writing.join();
            pool.shutdownNow();
        }
        // A reader that went away (`score | head`) is not an error of ours; a failed scorer is.
        if (writer.error instanceof ExecutionException failure) {
            throw new IllegalStateException("scoring failed: " + failure.getCause(), failure.getCause());
        }
        return 0;
    }

    /** Writes each chunk's results as they come, in order; stops writing (but keeps taking) after a failure. */
    private static final class InOrderWriter implements Runnable {
        static final Future<AsciiOutput> END = CompletableFuture.completedFuture(null);

        final BlockingQueue<Future<AsciiOutput>> results;
        private final OutputStream out;
        volatile Exception error;

        InOrderWriter(BlockingQueue<Future<AsciiOutput>> results, OutputStream out) {
            this.results = results;
            this.out = new BufferedOutputStream(out, 1 << 16);
        }

        boolean failed() {
            return error != null;
        }

        @Override
        public void run() {
            try {
                for (Future<AsciiOutput> next = results.take(); next != END; next = results.take()) {
                    if (failed()) {
                        continue;
                    }
                    try {
                        next.get().writeTo(out);
                        if (results.isEmpty()) {
                            out.flush();
                        }
                    } catch (IOException | ExecutionException e) {
                        error = e;
                    }
                }
                out.flush();
            } catch (IOException e) {
                error = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
    static AsciiOutput score(Scorer scorer, byte[] chunk, int length) {
        AsciiOutput out = new AsciiOutput(length + length / 2);
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && chunk[end] != '\n') {
                end++;
            }
            int textEnd = end > start && chunk[end - 1] == '\r' ? end - 1 : end;
            write(scorer.analyzer().analyse(new String(chunk, start, textEnd - start, StandardCharsets.UTF_8)), scorer.name(), out);
            start = end + 1;
        }
        return out;
    }

    /** One result as a JSON line. */
    static void write(Analysis analysis, byte[] model, AsciiOutput out) {
        VaderScores scores = analysis.scores();
        out.append(NEG);
        out.number(scores == null ? 0.0 : scores.neg(), 3);
        out.append(NEU);
        out.number(scores == null ? 0.0 : scores.neu(), 3);
        out.append(POS);
        out.number(scores == null ? 0.0 : scores.pos(), 3);
        out.append(COMPOUND);
        if (scores == null) {
            out.append(NULL);
        } else {
            out.number(scores.compound(), 4);
        }
        Sentiment.Label label = scores == null ? Sentiment.Label.UNSCORED : Sentiment.Label.valueOf(analysis.polarity().name());
        out.append(LABELS[label.ordinal()]);
        out.append(LANGUAGE_BYTES.computeIfAbsent(analysis.lang(), ScoreCommand::ascii));
        out.append(MODEL);
        out.append(model);
        out.append(END);
    }

    private static final byte[] NEG = ascii("{\"neg\":");
    private static final byte[] NEU = ascii(",\"neu\":");
    private static final byte[] POS = ascii(",\"pos\":");
    private static final byte[] COMPOUND = ascii(",\"compound\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] MODEL = ascii("\",\"model\":\"");
    private static final byte[] END = ascii("\"}\n");
    private static final byte[][] LABELS = Arrays.stream(Sentiment.Label.values())
            .map(label -> ascii(",\"label\":\"" + label.name().toLowerCase(Locale.ROOT) + "\",\"lang\":\""))
            .toArray(byte[][]::new);

    /** Language codes are few ("en", "cy", "zh"...): their bytes are kept rather than encoded for every line. */
    private static final Map<String, byte[]> LANGUAGE_BYTES = new ConcurrentHashMap<>();

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growing buffer of ASCII bytes: the JSON lines of one chunk. */
    static final class AsciiOutput {
        private byte[] bytes;
        private int size;

        AsciiOutput(int capacity) {
            bytes = new byte[Math.max(capacity, 64)];
        }

        void append(byte[] part) {
            ensure(part.length);
            System.arraycopy(part, 0, bytes, size, part.length);
            size += part.length;
        }

        /** A rounded score as Python prints it: "0.0", "0.594", "-0.0258". */
        void number(double value, int digits) {
            ensure(24);
            long scale = digits == 3 ? 1_000 : 10_000;
            long units = Math.round(value * scale);
            if (units < 0) {
                bytes[size++] = '-';
                units = -units;
            }
            // Every VADER score lies in [-1, 1]: one digit before the point.
            bytes[size++] = (byte) ('0' + units / scale);
            bytes[size++] = '.';
            long fraction = units % scale;
            if (fraction == 0) {
                bytes[size++] = '0';
                return;
            }
            for (long place = scale / 10; fraction > 0; place /= 10) {
                long digit = fraction / place;
                bytes[size++] = (byte) ('0' + digit);
                fraction -= digit * place;
            }
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, size);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, size, StandardCharsets.US_ASCII);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }
}
