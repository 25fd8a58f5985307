package org.chamberpulse.sentiment;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A multinomial logistic regression over {@link TweetFeatures}: one weight per class for every bucket of
 * a hashed table (a feature's bucket is its hash's top {@code bits} bits), one per class for each dense
 * number, and a bias per class. Immutable once built; {@link #probabilities} allocates nothing.
 *
 * <p>File format (gzip): the bytes "CPSM", a format byte (1), the table's bits, the dense count, then the
 * biases, the dense weights and the table as big-endian floats, class by class within each.
 */
public final class TunedModel {

    static final int CLASSES = 3;
    private static final int MAGIC = 0x4350534d;
    private static final byte FORMAT = 1;
    static final String RESOURCE = "tuned-model.bin";

    final int bits;
    final float[] bias;
    final float[] dense;
    final float[] table;

    TunedModel(int bits, float[] bias, float[] dense, float[] table) {
        if (bias.length != CLASSES || dense.length != CLASSES * TweetFeatures.DENSE || table.length != CLASSES << bits) {
            throw new IllegalArgumentException("a model of " + bits + " bits has " + CLASSES + " biases, "
                    + CLASSES * TweetFeatures.DENSE + " dense weights and " + (CLASSES << bits) + " table weights");
        }
        this.bits = bits;
        this.bias = bias;
        this.dense = dense;
        this.table = table;
    }

    /** The weights shipped with the module (trained by scripts/train-sentiment), read once. */
    public static TunedModel shipped() {
        return Shipped.MODEL;
    }

    private static final class Shipped {
        static final TunedModel MODEL = read(Resources.bytes(RESOURCE));
    }

    int slot(long hash) {
        return CLASSES * (int) (hash >>> (64 - bits));
    }

    /** P(negative), P(neutral), P(positive) of the text read into {@code features}, written into {@code into}. */
    void probabilities(TweetFeatures features, double[] into) {
        double negative = bias[0];
        double neutral = bias[1];
        double positive = bias[2];
        for (int k = 0, n = features.count(); k < n; k++) {
            int slot = slot(features.hash(k));
            negative += table[slot];
            neutral += table[slot + 1];
            positive += table[slot + 2];
        }
        for (int d = 0; d < TweetFeatures.DENSE; d++) {
            double value = features.dense[d];
            negative += value * dense[CLASSES * d];
            neutral += value * dense[CLASSES * d + 1];
            positive += value * dense[CLASSES * d + 2];
        }
        double top = Math.max(negative, Math.max(neutral, positive));
        double eNegative = Math.exp(negative - top);
        double eNeutral = Math.exp(neutral - top);
        double ePositive = Math.exp(positive - top);
        double sum = eNegative + eNeutral + ePositive;
        into[0] = eNegative / sum;
        into[1] = eNeutral / sum;
        into[2] = ePositive / sum;
    }

    void write(OutputStream out) throws IOException {
        GZIPOutputStream zipped = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(zipped);
        data.writeInt(MAGIC);
        data.writeByte(FORMAT);
        data.writeByte(bits);
        data.writeByte(TweetFeatures.DENSE);
        for (float[] weights : new float[][] {bias, dense, table}) {
            for (float weight : weights) {
                data.writeFloat(weight);
            }
        }
        data.flush();
        zipped.finish();
    }

    static TunedModel read(byte[] bytes) {
        try (DataInputStream data = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16))) {
            if (data.readInt() != MAGIC) {
                throw new IllegalStateException("not a ChamberPulse sentiment model (no CPSM header)");
            }
            int format = data.readByte();
            int bits = data.readByte();
            int denseCount = data.readByte();
            if (format != FORMAT || denseCount != TweetFeatures.DENSE || bits < 8 || bits > 26) {
                throw new IllegalStateException("a sentiment model of format " + format + " with " + denseCount
                        + " dense features and " + bits + " bits: this build reads format " + FORMAT + " with " + TweetFeatures.DENSE);
            }
            float[] bias = floats(data, CLASSES);
            float[] dense = floats(data, CLASSES * denseCount);
            float[] table = floats(data, CLASSES << bits);
            return new TunedModel(bits, bias, dense, table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentiment model", e);
        }
    }

    private static float[] floats(DataInputStream data, int count) throws IOException {
        float[] values = new float[count];
        for (int k = 0; k < count; k++) {
            values[k] = data.readFloat();
        }
        return values;
    }
}
