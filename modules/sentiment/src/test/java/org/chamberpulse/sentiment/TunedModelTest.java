package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedModelTest {

    private final SentimentAnalyzer tuned = SentimentAnalyzer.tuned();

    @Test
    void shouldLoadTheShippedWeightsAndLabelCouncilPostsAsPeopleDo() throws Exception {
        // given: 45 council posts labelled by hand, none of them from the training data
        List<ModelTrainer.Example> examples = ModelTrainer.read(labelled());

        // when
        Evaluation evaluation = Evaluation.of(examples, TunedModel.shipped());

        // then: well above VADER on tweets (0.60), every class recognised
        assertThat(evaluation.macroRecall()).isGreaterThanOrEqualTo(0.8);
        for (Polarity polarity : Polarity.values()) {
            assertThat(evaluation.recall(polarity.ordinal())).as(polarity.name()).isGreaterThanOrEqualTo(0.6);
        }
    }

    @Test
    void shouldScoreProbabilitiesWhoseDifferenceIsTheCompound() {
        // when
        Analysis hostile = tuned.analyse("great, another cut to the bus service. not happy #bcclive");
        Analysis welsh = tuned.analyse("Mae'r cyngor wedi gwneud penderfyniad gwael iawn heddiw");

        // then
        VaderScores s = hostile.scores();
        assertThat(s.neg() + s.neu() + s.pos()).isCloseTo(1.0, within(0.002));
        assertThat(s.compound()).isCloseTo(s.pos() - s.neg(), within(0.001)).isBetween(-1.0, 1.0);
        assertThat(hostile.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(welsh.scored()).isFalse();
        assertThat(welsh.polarity()).isNull();
    }

    @Test
    void shouldLeaveVaderExactlyAsItWas() {
        // when
        Analysis vader = SentimentAnalyzer.vader().analyse("Great point on the bus lanes #bcclive");

        // then
        assertThat(vader.scores()).isEqualTo(new VaderScores(0.0, 0.594, 0.406, 0.6249));
        assertThat(vader.polarity()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void shouldTrainTheSameWeightsByteForByteFromTheSameData(@TempDir Path dir) throws Exception {
        // given: the labelled posts as both training and development data
        Files.copy(labelled(), dir.resolve("train.tsv"));
        Files.copy(labelled(), dir.resolve("dev.tsv"));

        // when
        byte[] first = trained(dir);
        byte[] second = trained(dir);

        // then
        assertThat(second).isEqualTo(first);
        assertThat(Evaluation.of(ModelTrainer.read(labelled()), TunedModel.read(first)).macroRecall()).isGreaterThan(0.9);
    }

    @Test
    void shouldRefuseAFileThatIsNoModelWithTheReason() throws IOException {
        // given
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var zipped = new GZIPOutputStream(bytes)) {
            zipped.write("not a model at all".getBytes(StandardCharsets.UTF_8));
        }

        // when / then
        assertThatThrownBy(() -> TunedModel.read(bytes.toByteArray())).hasMessageContaining("not a ChamberPulse sentiment model");
    }

    private static byte[] trained(Path dir) throws IOException {
        List<ModelTrainer.Example> examples = ModelTrainer.read(dir.resolve("train.tsv"));
        TunedModel model = ModelTrainer.train(examples, new ArrayList<>(examples), new PrintStream(OutputStream.nullOutputStream()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    private static Path labelled() throws URISyntaxException {
        return Path.of(TunedModelTest.class.getResource("/council-labelled.tsv").toURI());
    }
}
