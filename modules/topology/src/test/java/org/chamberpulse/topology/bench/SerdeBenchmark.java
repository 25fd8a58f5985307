package org.chamberpulse.topology.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.topology.Binary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code scripts/bench serde}: a scored comment (the bulk of what the topology's internal topics and stores
 * hold) written and read back in each candidate format, Jackson on the same records: JSON (the public
 * format), Smile and CBOR with Jackson's defaults, and {@link Binary}, the format chosen (Smile with compact
 * instants and no unwrapping). Prints the bytes of each in the setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {

    @Param({"json", "smile", "cbor", "binary"})
    public String format;

    private Binary<ScoredComment> binary;
    private ObjectWriter writer;
    private ObjectReader reader;
    private ScoredComment comment;
    private byte[] bytes;

    @Setup
    public void setUp() throws Exception {
        binary = Binary.of(ScoredComment.class);
        ObjectMapper mapper = switch (format) {
            case "json", "binary" -> Json.MAPPER;
            case "smile" -> binary(SmileMapper.builder());
            case "cbor" -> binary(CBORMapper.builder());
            default -> throw new IllegalArgumentException(format);
        };
        writer = mapper.writerFor(ScoredComment.class);
        reader = mapper.readerFor(ScoredComment.class);
        Instant at = Instant.parse("2026-11-27T14:21:05.123Z");
        comment = new ScoredComment(new Comment("mastodon:112233445566", "mastodon", "a1b2c3d4e5f6a7b8",
                "Great point on the bus lanes, but what about the number 45 route that was cut last spring? #bcclive #buses",
                List.of("bcclive", "buses"), at, at.plusSeconds(1), "en", null), null, null,
                new Sentiment(0.6249, 0.0, 0.714, 0.286, Sentiment.Label.POSITIVE, "en", Sentiment.Model.TUNED), List.of());
        bytes = format.equals("binary") ? binary.toBytes(comment) : writer.writeValueAsBytes(comment);
        System.out.printf("%n%s: %d bytes%n", format, bytes.length);
    }

    private static ObjectMapper binary(MapperBuilder<?, ?> builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    @Benchmark
    public byte[] write() throws Exception {
        return format.equals("binary") ? binary.toBytes(comment) : writer.writeValueAsBytes(comment);
    }

    @Benchmark
    public ScoredComment read() throws Exception {
        return format.equals("binary") ? binary.fromBytes(bytes) : reader.readValue(bytes);
    }
}
