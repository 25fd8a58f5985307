package org.chamberpulse.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line reader every streaming client uses: exact on ordinary input, bounded on hostile input. */
class BoundedLinesTest {

    @Test
    void shouldGiveTheLinesAsWrittenWhateverTheChunksTheyArriveIn() throws IOException {
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            // given seeded random lines (some with \r\n, some empty, some non-ASCII) read in random chunks
            List<String> lines = new ArrayList<>();
            StringBuilder stream = new StringBuilder();
            int count = random.nextInt(20);
            for (int i = 0; i < count; i++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(random.nextInt(10) == 0 ? 20_000 : 80);
                for (int c = 0; c < length; c++) {
                    line.append(random.nextInt(30) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
                }
                lines.add(line.toString());
                stream.append(line).append(random.nextBoolean() ? "\r\n" : "\n");
            }

            // when
            List<String> read = new ArrayList<>();
            long skipped = BoundedLines.read(chunked(stream.toString().getBytes(StandardCharsets.UTF_8), random), read::add);

            // then
            assertThat(read).as("seed %d, round %d", seed, round).isEqualTo(lines);
            assertThat(skipped).isZero();
        }
    }

    @Test
    void shouldSkipALineLongerThanTheLimitAndReadOnAfterIt() throws IOException {
        // given a server sending 5 MB without a line break between two ordinary lines
        byte[] garbage = new byte[5 * 1024 * 1024];
        Arrays.fill(garbage, (byte) 'x');
        byte[] before = "event: update\n".getBytes(StandardCharsets.UTF_8);
        byte[] after = "\ndata: fine\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[before.length + garbage.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(garbage, 0, all, before.length, garbage.length);
        System.arraycopy(after, 0, all, before.length + garbage.length, after.length);

        // when
        List<String> read = new ArrayList<>();
        long skipped = BoundedLines.read(new ByteArrayInputStream(all), read::add);

        // then
        assertThat(read).containsExactly("event: update", "data: fine");
        assertThat(skipped).isEqualTo(1);
    }

    private static InputStream chunked(byte[] bytes, Random random) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.max(1, Math.min(len, 1 + random.nextInt(300))));
            }
        };
    }
}
