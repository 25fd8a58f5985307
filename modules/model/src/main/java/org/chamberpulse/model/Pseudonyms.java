package org.chamberpulse.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chamberpulse.config.ConfigException;
import org.chamberpulse.config.PulseConfig;

/**
 * What stands for a person, and for a comment, in everything public: HMACs under the deployment's author
 * secret. An author is an HMAC-SHA256 of network and handle, so no raw handle is ever written to a topic
 * and the same person on the same network is the same author; a comment's public id is an HMAC of its
 * source id (a Mastodon URI or a Bluesky DID names its author), which the product maps back, no one else.
 */
public final class Pseudonyms {

    public static final String SECRET_FILE = "author.secret";
    private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{32}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
     * The configured secret, or else the one kept in the data directory (made on first use, readable by its
     * owner alone). Instances that share a topic must share the secret: configure {@code author.secret} for a cluster.
     */
    public static Pseudonyms fromConfig(PulseConfig config) {
        return new Pseudonyms(secret(config).getBytes(StandardCharsets.UTF_8));
    }

    /** The configuration with its author secret in hand: the configured one, or the data directory's. */
    public static PulseConfig resolve(PulseConfig config) {
        return config.authorSecret().isBlank() ? config.withAuthorSecret(secret(config)) : config;
    }

    private static String secret(PulseConfig config) {
        if (!config.authorSecret().isBlank()) {
            return config.authorSecret();
        }
        Path file = config.dataDir().resolve(SECRET_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(config.dataDir());
                writeOwnerOnly(file, HexFormat.of().formatHex(secret) + "\n");
            }
            requireOwnerOnly(file);
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the author secret " + file, e);
        }
    }

    /** Writes a new file that only its owner may read, from the first byte. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    /** Refuses a secret file that others may read: whoever can read it can undo every pseudonym. */
    public static void requireOwnerOnly(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> others = EnumSet.copyOf(permissions);
            others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
            if (!others.isEmpty()) {
                throw new ConfigException(file + " holds a secret but is readable by others (" + PosixFilePermissions.toString(permissions)
                        + "); run: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply.
        }
    }

    /** 32 hex digits: the first 128 bits of HMAC-SHA256(secret, "network:handle"), the handle in lower case. */
    public String of(String network, String handle) {
        return hex(network + ":" + handle.strip().toLowerCase(Locale.ROOT), 16);
    }

    /** Whether an author is already a pseudonym (of {@link #of}'s form), not a handle as it arrived. */
    public static boolean isPseudonym(String author) {
        return author != null && PSEUDONYM.matcher(author).matches();
    }

    /** A comment's id as every public output gives it: "c" and 24 hex digits, from its source id. */
    public String publicId(String commentId) {
        return "c" + hex("comment:" + commentId, 12);
    }

    private String hex(String input, int bytes) {
        byte[] digest = mac.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, bytes);
    }
}
