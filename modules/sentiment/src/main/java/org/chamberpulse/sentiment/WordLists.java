package org.chamberpulse.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Moderation's word lists (issue 21): profanity, abuse and threat phrases, read from text files of sections
 * ({@code [profanity]}, {@code [abuse]}, {@code [threats]}, and {@code [allow]} to take a shipped word out), one
 * entry a line, {@code #} for comments. The shipped lists are English and Welsh ({@code moderation/en.words},
 * {@code moderation/cy.words}); a council's file ({@code moderation.words}) adds to them.
 */
public record WordLists(Set<String> profane, Set<String> abusive, List<String[]> threats) {

    static final List<String> SHIPPED = List.of("en", "cy");

    public WordLists {
        profane = Set.copyOf(profane);
        abusive = Set.copyOf(abusive);
        threats = List.copyOf(threats);
    }

    /** The shipped lists, every language. */
    public static WordLists shipped() {
        Builder builder = new Builder();
        for (String language : SHIPPED) {
            try (InputStream in = WordLists.class.getResourceAsStream("/moderation/" + language + ".words")) {
                if (in == null) {
                    throw new IllegalStateException("the shipped word list " + language + " is missing");
                }
                builder.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "moderation/" + language + ".words");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build();
    }

    /** The shipped lists with a council's file on top; a line that fits no section is refused with where it is. */
    public static WordLists shippedAnd(String councilFile, String name) {
        Builder builder = new Builder();
        WordLists shipped = shipped();
        builder.profane.addAll(shipped.profane);
        builder.abusive.addAll(shipped.abusive);
        builder.threats.addAll(shipped.threats);
        builder.read(councilFile, name);
        return builder.build();
    }

    private static final class Builder {
        private final Set<String> profane = new HashSet<>();
        private final Set<String> abusive = new HashSet<>();
        private final List<String[]> threats = new ArrayList<>();
        private final Set<String> allowed = new HashSet<>();

        void read(String text, String name) {
            String section = null;
            String[] lines = text.split("\\R");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                int comment = line.indexOf('#');
                line = (comment >= 0 ? line.substring(0, comment) : line).strip().toLowerCase(Locale.ROOT);
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip();
                    if (!List.of("profanity", "abuse", "threats", "allow").contains(section)) {
                        throw new IllegalArgumentException(name + " line " + (n + 1) + ": unknown section [" + section
                                + "] (known: [profanity], [abuse], [threats], [allow])");
                    }
                    continue;
                }
                if (section == null) {
                    throw new IllegalArgumentException(name + " line " + (n + 1) + ": a word before any section such as [profanity]");
                }
                if (!section.equals("threats") && line.contains(" ")) {
                    throw new IllegalArgumentException(name + " line " + (n + 1) + ": one word a line in [" + section + "]; phrases go in [threats]");
                }
                switch (section) {
                    case "profanity" -> profane.add(line);
                    case "abuse" -> abusive.add(line);
                    case "threats" -> threats.add(line.split("\\s+"));
                    default -> allowed.add(line);
                }
            }
        }

        WordLists build() {
            profane.removeAll(allowed);
            abusive.removeAll(allowed);
            return new WordLists(profane, abusive, threats);
        }
    }

    /** The size of each list, for the log. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new HashMap<>();
        sizes.put("profanity", profane.size());
        sizes.put("abuse", abusive.size());
        sizes.put("threats", threats.size());
        return sizes;
    }
}
