package org.chamberpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoredCommentWriterTest {

    @Test
    void shouldWriteTheSamePublicJsonAsJacksonsDatabinding() throws IOException {
        // given: seeded random comments, some without a comment, some withdrawn, edited, unscored or of no known model
        ObjectMapper databindAlone = Json.databindAlone().build();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            ScoredComment comment = RandomComments.scoredComment(random);

            // when
            String written = Json.MAPPER.writeValueAsString(comment);

            // then
            assertThat(written).as("seed %d, value %d", seed, n).isEqualTo(databindAlone.writeValueAsString(comment));
        }
    }
}
