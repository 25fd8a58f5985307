package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scorer reproduces the reference implementation on every row of the reference and the generated vectors. */
class VaderReferenceTest {

    private static final Vader VADER = new Vader();

    static List<ReferenceVectors> rows() {
        return Stream.concat(ReferenceVectors.all().stream(), ReferenceVectors.generated().stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldReproduceTheReference(ReferenceVectors row) {
        // when
        VaderScores scores = VADER.score(row.text());

        // then
        assertThat(scores.compound()).as("compound of %s", row.text()).isCloseTo(row.compound(), within(1e-4));
        assertThat(scores.neg()).as("neg of %s", row.text()).isCloseTo(row.neg(), within(1e-4));
        assertThat(scores.neu()).as("neu of %s", row.text()).isCloseTo(row.neu(), within(1e-4));
        assertThat(scores.pos()).as("pos of %s", row.text()).isCloseTo(row.pos(), within(1e-4));
    }
}
