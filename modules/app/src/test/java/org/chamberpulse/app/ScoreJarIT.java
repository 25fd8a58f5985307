package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.chamberpulse.model.Sentiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar `scripts/chamberpulse score` runs from holds only the scorer's classes: run by `mvn verify`
 * after `package` made it, this checks that nothing the scorer reaches is missing from it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScoreJarIT {

    private static final Path SCORE_JAR = Path.of("target", "chamberpulse-score.jar");

    @Test
    void shouldScoreFromTheScorersOwnJarAsTheApplicationDoes(@TempDir Path dir) throws Exception {
        // given: English, emoji, a text for the language detector, a long one, an empty line
        List<String> texts = List.of("I love this plan! 😀", "Mae'r cyngor yn gwneud penderfyniad gwael iawn heddiw",
                "No estoy de acuerdo con la decisión del ayuntamiento sobre los autobuses",
                "The budget is NOT good but the parks plan is kind of great &amp; fair ".repeat(20), "");
        Path input = dir.resolve("texts.txt");
        Files.write(input, texts, StandardCharsets.UTF_8);

        // when
        Process process = score(SCORE_JAR, input, dir);

        // then
        String errors = Files.readString(dir.resolve("errors.txt"));
        assertThat(process.exitValue()).as("exit status; stderr: %s", errors).isZero();
        assertThat(errors).as("stderr").isEmpty();
        List<String> lines = Files.readAllLines(dir.resolve("scores.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(texts.size());
        ScoreCommand.Scorer tuned = new ScoreCommand.Scorer(Sentiment.Model.TUNED);
        for (int k = 0; k < texts.size(); k++) {
            ScoreCommand.AsciiOutput expected = new ScoreCommand.AsciiOutput(128);
            ScoreCommand.write(tuned.analyzer().analyse(texts.get(k)), tuned.name(), expected);
            assertThat(lines.get(k) + "\n").as(texts.get(k)).isEqualTo(expected.toString());
        }
        assertThat(lines.get(1)).contains("\"lang\":\"cy\"");
        assertThat(lines.get(2)).contains("\"lang\":\"es\"");
    }

    @Test
    void shouldSayWhatIsMissingWhenTheLanguageProfilesAreNotInstalled(@TempDir Path dir) throws Exception {
        // given: a copy of the jar without the detector's profiles, and a text that needs the detector
        Path broken = dir.resolve("broken.jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(SCORE_JAR));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(broken))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().startsWith("languages/")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                }
            }
        }
        Path input = dir.resolve("texts.txt");
        Files.writeString(input, "I love this plan\nMae'r cyngor yn gwneud penderfyniad gwael iawn heddiw\n");

        // when
        Process process = score(broken, input, dir);

        // then: one line that names the missing file, and no stack trace from the thread that loads it
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("errors.txt")))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .startsWith("chamberpulse: scoring failed:")
                .contains("the language detector cannot start: missing resource /languages/");
    }

    private static Process score(Path jar, Path input, Path dir) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "score")
                .redirectInput(input.toFile())
                .redirectOutput(dir.resolve("scores.jsonl").toFile())
                .redirectError(dir.resolve("errors.txt").toFile())
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return process;
    }
}
