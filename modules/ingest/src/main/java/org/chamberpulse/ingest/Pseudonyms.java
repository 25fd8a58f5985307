package org.chamberpulse.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chamberpulse.config.PulseConfig;

/**
 * Authors as Kafka sees them: an HMAC-SHA256 of network and handle under the deployment's secret, so no
 * raw handle is ever written to a topic, and the same person on the same network is the same author.
 */
public final class Pseudonyms {

    static final String SECRET_FILE = "author.secret";

    private final ThreadLocal<Mac> mac;

    public Pseudonyms(byte[] secret) {
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has HmacSHA256", e);
            }
        });
    }

    /**
     * The configured secret, or else the one kept in the data directory (made on first use). Instances
     * that share a topic must share the secret: configure {@code author.secret} for a cluster.
     */
    public static Pseudonyms fromConfig(PulseConfig config) {
        if (!config.authorSecret().isBlank()) {
            return new Pseudonyms(config.authorSecret().getBytes(StandardCharsets.UTF_8));
        }
        Path file = config.dataDir().resolve(SECRET_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(config.dataDir());
                Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
            }
            return new Pseudonyms(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the author secret " + file, e);
        }
    }

    /** 32 hex digits: the first 128 bits of HMAC-SHA256(secret, "network:handle"), the handle in lower case. */
    public String of(String network, String handle) {
        byte[] digest = mac.get().doFinal((network + ":" + handle.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
