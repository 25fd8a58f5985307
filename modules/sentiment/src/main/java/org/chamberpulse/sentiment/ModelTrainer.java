package org.chamberpulse.sentiment;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the tuned model: {@code scripts/train-sentiment --data DIR --out FILE}, where DIR holds
 * {@code train.tsv} and {@code dev.tsv} (a header, then {@code label<TAB>text} lines). Multinomial logistic
 * regression with AdaGrad, each class weighted by the inverse of its share (the measure is the mean of the
 * three recalls), a few learning rates and epoch counts tried and the best on dev.tsv kept. One thread, a
 * seeded shuffle and a fixed order of every sum: the same data gives the same file, byte for byte. Prints
 * what it measured on dev.tsv, for VADER and for the model (docs/BENCHMARKS.md keeps the figures).
 */
public final class ModelTrainer {

    static final long SEED = 20261202L;
    static final int BITS = 18;
    static final int MAX_EPOCHS = 6;
    static final double[] LEARNING_RATES = {0.005, 0.01, 0.02};

    /** One labelled text as the model reads it. */
    record Example(int label, long[] hashes, double[] dense, Polarity vader, String text) {
    }

    public static void main(String[] args) throws IOException {
        Path data = null;
        Path out = null;
        for (int k = 0; k + 1 < args.length; k += 2) {
            switch (args[k]) {
                case "--data" -> data = Path.of(args[k + 1]);
                case "--out" -> out = Path.of(args[k + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[k] + " (usage: --data DIR --out FILE)");
            }
        }
        if (data == null || out == null || args.length % 2 != 0) {
            System.err.println("usage: train-sentiment --data DIR --out FILE   (DIR holds train.tsv and dev.tsv)");
            System.exit(2);
        }
        List<Example> train;
        List<Example> dev;
        try {
            train = read(data.resolve("train.tsv"));
            dev = read(data.resolve("dev.tsv"));
        } catch (NoSuchFileException e) {
            System.err.println("train-sentiment: no such file: " + e.getFile());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("train-sentiment: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "read %,d training and %,d development texts%n", train.size(), dev.size());
        TunedModel model = train(train, dev, System.out);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
            model.write(file);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%,d bytes)%n%n", out, Files.size(out));
        Evaluation.report(dev, model, System.out);
    }

    static List<Example> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("label\ttext")) {
            throw new IllegalArgumentException(file + ": the first line must be the header label<TAB>text");
        }
        Vader vader = new Vader();
        TweetFeatures features = new TweetFeatures();
        List<Example> examples = new ArrayList<>(lines.size());
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": no tab between label and text");
            }
            int label = label(line.substring(0, tab), file, n + 1);
            String text = line.substring(tab + 1);
            examples.add(example(vader, features, label, text));
        }
        return examples;
    }

    private static int label(String name, Path file, int line) {
        for (Polarity polarity : Polarity.values()) {
            if (polarity.name().equalsIgnoreCase(name)) {
                return polarity.ordinal();
            }
        }
        throw new IllegalArgumentException(file + ":" + line + ": the label must be negative, neutral or positive, not '" + name + "'");
    }

    static Example example(Vader vader, TweetFeatures features, int label, String text) {
        vader.prepare(text);
        VaderScores scores = vader.computeScores();
        features.read(vader, scores);
        long[] hashes = new long[features.count()];
        for (int k = 0; k < hashes.length; k++) {
            hashes[k] = features.hash(k);
        }
        return new Example(label, hashes, features.dense.clone(), Polarity.ofCompound(scores.compound()), text);
    }

    /** Every learning rate for up to MAX_EPOCHS epochs; the model after the epoch best on dev is kept. */
    static TunedModel train(List<Example> train, List<Example> dev, PrintStream log) {
        TunedModel best = null;
        double bestRecall = -1;
        for (double rate : LEARNING_RATES) {
            Learner learner = new Learner(BITS, rate, classWeights(train));
            Random random = new Random(SEED);
            int[] order = new int[train.size()];
            Arrays.setAll(order, k -> k);
            for (int epoch = 1; epoch <= MAX_EPOCHS; epoch++) {
                shuffle(order, random);
                for (int k : order) {
                    learner.learn(train.get(k));
                }
                TunedModel model = learner.model();
                double recall = Evaluation.of(dev, model).macroRecall();
                log.printf(Locale.ROOT, "rate %.3f epoch %2d: macro recall on dev %.4f%n", rate, epoch, recall);
                if (recall > bestRecall) {
                    bestRecall = recall;
                    best = model;
                }
            }
        }
        return best;
    }

    static double[] classWeights(List<Example> train) {
        long[] counts = new long[TunedModel.CLASSES];
        train.forEach(example -> counts[example.label()]++);
        double[] weights = new double[TunedModel.CLASSES];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = train.size() / (double) (TunedModel.CLASSES * counts[c]);
        }
        return weights;
    }

    private static void shuffle(int[] order, Random random) {
        for (int k = order.length - 1; k > 0; k--) {
            int other = random.nextInt(k + 1);
            int swap = order[k];
            order[k] = order[other];
            order[other] = swap;
        }
    }

    /** AdaGrad on the weights of one model, in doubles; {@link #model} rounds them to the file's floats. */
    static final class Learner {
        private final int bits;
        private final double rate;
        private final double[] classWeights;
        private final double[] bias = new double[TunedModel.CLASSES];
        private final double[] biasSquares = new double[TunedModel.CLASSES];
        private final double[] dense = new double[TunedModel.CLASSES * TweetFeatures.DENSE];
        private final double[] denseSquares = new double[dense.length];
        private final double[] table;
        private final double[] tableSquares;
        private final double[] logits = new double[TunedModel.CLASSES];
        private final double[] gradient = new double[TunedModel.CLASSES];

        Learner(int bits, double rate, double[] classWeights) {
            this.bits = bits;
            this.rate = rate;
            this.classWeights = classWeights;
            this.table = new double[TunedModel.CLASSES << bits];
            this.tableSquares = new double[table.length];
        }

        void learn(Example example) {
            int[] slots = new int[example.hashes().length];
            for (int k = 0; k < slots.length; k++) {
                slots[k] = TunedModel.CLASSES * (int) (example.hashes()[k] >>> (64 - bits));
            }
            System.arraycopy(bias, 0, logits, 0, TunedModel.CLASSES);
            for (int slot : slots) {
                for (int c = 0; c < TunedModel.CLASSES; c++) {
                    logits[c] += table[slot + c];
                }
            }
            for (int d = 0; d < TweetFeatures.DENSE; d++) {
                for (int c = 0; c < TunedModel.CLASSES; c++) {
                    logits[c] += example.dense()[d] * dense[TunedModel.CLASSES * d + c];
                }
            }
            double top = Math.max(logits[0], Math.max(logits[1], logits[2]));
            double sum = 0;
            for (int c = 0; c < TunedModel.CLASSES; c++) {
                logits[c] = Math.exp(logits[c] - top);
                sum += logits[c];
            }
            double weight = classWeights[example.label()];
            for (int c = 0; c < TunedModel.CLASSES; c++) {
                gradient[c] = weight * (logits[c] / sum - (c == example.label() ? 1 : 0));
            }
            for (int c = 0; c < TunedModel.CLASSES; c++) {
                step(bias, biasSquares, c, gradient[c]);
                for (int d = 0; d < TweetFeatures.DENSE; d++) {
                    step(dense, denseSquares, TunedModel.CLASSES * d + c, gradient[c] * example.dense()[d]);
                }
                for (int slot : slots) {
                    step(table, tableSquares, slot + c, gradient[c]);
                }
            }
        }

        private void step(double[] weights, double[] squares, int k, double g) {
            if (g == 0) {
                return;
            }
            squares[k] += g * g;
            weights[k] -= rate * g / Math.sqrt(squares[k]);
        }

        TunedModel model() {
            return new TunedModel(bits, floats(bias), floats(dense), floats(table));
        }

        private static float[] floats(double[] values) {
            float[] rounded = new float[values.length];
            for (int k = 0; k < values.length; k++) {
                rounded[k] = (float) values[k];
            }
            return rounded;
        }
    }
}
