package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.sentiment.Analysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScoreCommand.Scorer vader = new ScoreCommand.Scorer(Sentiment.Model.VADER);
    private final ScoreCommand.Scorer tuned = new ScoreCommand.Scorer(Sentiment.Model.TUNED);

    @Test
    void shouldWriteOneJsonObjectPerLineWithTheScoresOfItsText() throws IOException {
        // given
        String input = "I love this plan!\r\nMae'r cyngor yn gwneud penderfyniad gwael iawn heddiw\n\nThis is TERRIBLE :(\nno newline at the end";

        // when
        String output = ScoreCommand.score(vader, bytes(input), bytes(input).length).toString();

        // then
        String[] lines = output.split("\n", -1);
        assertThat(lines).hasSize(6);
        assertThat(lines[5]).isEmpty();
        List<String> texts = List.of("I love this plan!", "Mae'r cyngor yn gwneud penderfyniad gwael iawn heddiw", "", "This is TERRIBLE :(", "no newline at the end");
        for (int k = 0; k < texts.size(); k++) {
            JsonNode result = JSON.readTree(lines[k]);
            assertThat(result.fieldNames()).toIterable().containsExactly("neg", "neu", "pos", "compound", "label", "lang", "model");
            assertThatAgrees(result, vader.analyzer().analyse(texts.get(k)));
            assertThat(result.get("model").asText()).isEqualTo("vader");
        }
        assertThat(JSON.readTree(lines[0]).get("label").asText()).isEqualTo("positive");
        assertThat(JSON.readTree(lines[1]).get("compound").isNull()).isTrue();
        assertThat(JSON.readTree(lines[1]).get("label").asText()).isEqualTo("unscored");
        assertThat(JSON.readTree(lines[1]).get("lang").asText()).isEqualTo("cy");
        assertThat(JSON.readTree(lines[3]).get("label").asText()).isEqualTo("negative");
    }

    @Test
    void shouldPrintScoresAsPythonPrintsTheRoundedFloats() {
        // given
        double[] values = {0.0, 1.0, -1.0, 0.5, 0.594, 0.086, 0.001, -0.0258, 0.4588, -0.9999, 0.0005};
        int[] digits = {3, 3, 4, 3, 3, 3, 3, 4, 4, 4, 4};

        // when
        List<String> printed = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            ScoreCommand.AsciiOutput out = new ScoreCommand.AsciiOutput(8);
            out.number(values[k], digits[k]);
            printed.add(out.toString());
        }

        // then
        assertThat(printed).containsExactly("0.0", "1.0", "-1.0", "0.5", "0.594", "0.086", "0.001", "-0.0258", "0.4588", "-0.9999", "0.0005");
    }

    @Test
    void shouldStreamManyChunksThroughAProcessInInputOrder(@TempDir Path dir) throws Exception {
        // given: about 4 MB of texts, many chunks for the workers, each line told apart by its number
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] words = {"good", "bad", "council", "GREAT", "not", "very", "plan", "awful", "yn", "mae'r", "cyngor", "😀", "#bcclive", "!!!", "kind of", "but"};
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < 40_000; k++) {
            StringBuilder text = new StringBuilder("line ").append(k);
            for (int w = random.nextInt(14); w >= 0; w--) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            texts.add(text.toString());
        }
        Path input = dir.resolve("texts.txt");
        Files.write(input, texts, StandardCharsets.UTF_8);

        // when
        Process process = scoreCommand()
                .redirectInput(input.toFile())
                .redirectOutput(dir.resolve("scores.jsonl").toFile())
                .redirectError(dir.resolve("errors.txt").toFile())
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // then
        assertThat(process.exitValue()).as("exit status; stderr: %s", Files.readString(dir.resolve("errors.txt"))).isZero();
        assertThat(Files.readString(dir.resolve("errors.txt"))).as("stderr").isEmpty();
        List<String> lines = Files.readAllLines(dir.resolve("scores.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).as("seed %d", seed).hasSize(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            ScoreCommand.AsciiOutput expected = new ScoreCommand.AsciiOutput(128);
            ScoreCommand.write(tuned.analyzer().analyse(texts.get(k)), tuned.name(), expected);
            assertThat(lines.get(k) + "\n").as("line %d of seed %d: %s", k, seed, texts.get(k)).isEqualTo(expected.toString());
        }
    }

    @Test
    void shouldAnswerEachLineBeforeTheNextArrives() throws Exception {
        // given: a caller that writes one line and waits for its answer, as a co-process does
        Process process = scoreCommand("--model", "vader").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer questions = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        try {
            for (String text : List.of("What a wonderful result!", "This is awful.", "Mae'r cyngor yn gwneud penderfyniad gwael iawn heddiw")) {
                // when
                questions.write(text + "\n");
                questions.flush();
                String answer = CompletableFuture.supplyAsync(() -> readLine(answers)).get(30, TimeUnit.SECONDS);

                // then
                ScoreCommand.AsciiOutput expected = new ScoreCommand.AsciiOutput(128);
                ScoreCommand.write(vader.analyzer().analyse(text), vader.name(), expected);
                assertThat(answer + "\n").isEqualTo(expected.toString());
            }
            questions.close();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldRefuseAnUnknownModelWithTheChoices(@TempDir Path dir) throws Exception {
        // when
        Process process = scoreCommand("--model", "bert").redirectError(dir.resolve("errors.txt").toFile()).start();
        process.getOutputStream().close();

        // then
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("errors.txt"))).contains("--model must be tuned or vader, got 'bert'");
    }

    /** {@code chamberpulse score} in a JVM of its own, from this test's class path. */
    private static ProcessBuilder scoreCommand(String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ChamberPulse.class.getName(), "score"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertThatAgrees(JsonNode result, Analysis analysis) {
        assertThat(result.get("lang").asText()).isEqualTo(analysis.lang());
        if (analysis.scores() == null) {
            assertThat(result.get("compound").isNull()).isTrue();
            return;
        }
        assertThat(result.get("neg").asDouble()).isEqualTo(analysis.scores().neg());
        assertThat(result.get("neu").asDouble()).isEqualTo(analysis.scores().neu());
        assertThat(result.get("pos").asDouble()).isEqualTo(analysis.scores().pos());
        assertThat(result.get("compound").asDouble()).isEqualTo(analysis.scores().compound());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
