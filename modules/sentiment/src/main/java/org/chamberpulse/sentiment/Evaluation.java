package org.chamberpulse.sentiment;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** How a labelling of texts compares with people's labels: the confusion matrix and what follows from it. */
record Evaluation(long[][] confusion) {

    private static final String[] NAMES = {"negative", "neutral", "positive"};

    /** The tuned model's labels (its most probable class) against the examples' labels. */
    static Evaluation of(List<ModelTrainer.Example> examples, TunedModel model) {
        long[][] confusion = new long[3][3];
        TweetFeatures features = new TweetFeatures();
        double[] p = new double[3];
        for (ModelTrainer.Example example : examples) {
            model.probabilities(features(example, features), p);
            confusion[example.label()][Polarity.mostProbable(p)]++;
        }
        return new Evaluation(confusion);
    }

    /** VADER's labels (its compound at ±0.05) against the examples' labels. */
    static Evaluation ofVader(List<ModelTrainer.Example> examples) {
        long[][] confusion = new long[3][3];
        for (ModelTrainer.Example example : examples) {
            confusion[example.label()][example.vader().ordinal()]++;
        }
        return new Evaluation(confusion);
    }

    static TweetFeatures features(ModelTrainer.Example example, TweetFeatures into) {
        return into.replay(example.hashes(), example.dense());
    }

    double recall(int label) {
        long total = confusion[label][0] + confusion[label][1] + confusion[label][2];
        return total == 0 ? 0 : confusion[label][label] / (double) total;
    }

    double macroRecall() {
        return (recall(0) + recall(1) + recall(2)) / 3;
    }

    double accuracy() {
        long right = 0;
        long total = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                total += confusion[a][b];
                right += a == b ? confusion[a][b] : 0;
            }
        }
        return right / (double) total;
    }

    /** The figures docs/BENCHMARKS.md keeps, as Markdown: both models on the examples, and the model's calibration. */
    static void report(List<ModelTrainer.Example> examples, TunedModel model, PrintStream out) {
        Evaluation vader = ofVader(examples);
        Evaluation tuned = of(examples, model);
        out.println("| model | macro recall | recall negative | recall neutral | recall positive | accuracy |");
        out.println("|---|---|---|---|---|---|");
        for (var row : List.of(new Object[] {"vader", vader}, new Object[] {"tuned", tuned})) {
            Evaluation e = (Evaluation) row[1];
            out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n", row[0], e.macroRecall(), e.recall(0), e.recall(1), e.recall(2), e.accuracy());
        }
        for (var row : List.of(new Object[] {"vader", vader}, new Object[] {"tuned", tuned})) {
            out.printf("%nConfusion matrix, %s (rows: people's label, columns: the model's)%n%n", row[0]);
            out.println("| | negative | neutral | positive |");
            out.println("|---|---|---|---|");
            long[][] m = ((Evaluation) row[1]).confusion();
            for (int a = 0; a < 3; a++) {
                out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", NAMES[a], m[a][0], m[a][1], m[a][2]);
            }
        }
        out.printf("%nCalibration of the tuned model: every class probability of every text, in 10 bins%n%n");
        out.println("| predicted | texts × classes | mean predicted | observed frequency |");
        out.println("|---|---|---|---|");
        long[] count = new long[10];
        double[] predicted = new double[10];
        long[] observed = new long[10];
        TweetFeatures features = new TweetFeatures();
        double[] p = new double[3];
        for (ModelTrainer.Example example : examples) {
            model.probabilities(features(example, features), p);
            for (int c = 0; c < 3; c++) {
                int bin = Math.min(9, (int) (p[c] * 10));
                count[bin]++;
                predicted[bin] += p[c];
                observed[bin] += example.label() == c ? 1 : 0;
            }
        }
        for (int bin = 0; bin < 10; bin++) {
            out.printf(Locale.ROOT, "| %.1f–%.1f | %d | %s | %s |%n", bin / 10.0, (bin + 1) / 10.0, count[bin],
                    count[bin] == 0 ? "–" : String.format(Locale.ROOT, "%.3f", predicted[bin] / count[bin]),
                    count[bin] == 0 ? "–" : String.format(Locale.ROOT, "%.3f", observed[bin] / (double) count[bin]));
        }
    }
}
