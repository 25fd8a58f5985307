package org.chamberpulse.sentiment.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.sentiment.Moderation;
import org.chamberpulse.sentiment.SentimentAnalyzer;
import org.chamberpulse.sentiment.Terms;
import org.chamberpulse.sentiment.Vader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Texts scored per second on one thread over the 19,548 reference texts: the whole path a comment takes
 * (language check and, for English, VADER, or VADER and the tuned model), and VADER alone; and the other
 * work on a post's text, moderation at intake and its terms where it is counted. One operation is one text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
public class ScoringBenchmark {

    static final int TEXTS = 19_548;

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.vader();
    private final SentimentAnalyzer tuned = SentimentAnalyzer.tuned();
    private final Vader vader = new Vader();
    private String[] texts;

    @Setup
    public void load() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ScoringBenchmark.class.getResourceAsStream("/reference-vectors.tsv"), StandardCharsets.UTF_8))) {
            texts = reader.lines().skip(1).map(line -> line.split("\t", 7)[6]).toArray(String[]::new);
        }
        if (texts.length != TEXTS) {
            throw new IllegalStateException("expected " + TEXTS + " reference texts, found " + texts.length);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void wholeScoringPath(Blackhole sink) {
        for (String text : texts) {
            sink.consume(analyzer.analyse(text));
        }
    }

    /** The path with the tuned model (the default): language check, VADER's features, the model. */
    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void tunedScoringPath(Blackhole sink) {
        for (String text : texts) {
            sink.consume(tuned.analyse(text));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void vaderOnly(Blackhole sink) {
        for (String text : texts) {
            sink.consume(vader.score(text));
        }
    }

    /** Flags and redaction, once a post at intake. */
    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void moderation(Blackhole sink) {
        for (String text : texts) {
            sink.consume(Moderation.review(text));
        }
    }

    /** The terms of a post, each time it is counted in (or out of) an item. */
    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void terms(Blackhole sink) {
        for (String text : texts) {
            sink.consume(Terms.of(text));
        }
    }
}
