package org.chamberpulse.model;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * The interface's words in one language (issue 21), from {@code i18n/<language>.json} on the class path: one
 * flat map of keys to texts with {@code {0}}, {@code {1}} … for values, which the Java side and the pages'
 * JavaScript both read. A key missing in a language falls back to English. Adding a language is adding its
 * file: the languages offered are the files found.
 */
public final class Messages {

    public static final String ENGLISH = "en";
    private static final String FOLDER = "i18n/";
    private static final Map<String, Messages> LOADED = new ConcurrentHashMap<>();
    private static volatile List<String> languages;

    private final String language;
    private final Map<String, String> texts;

    private Messages(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = texts;
    }

    /** The messages of a language offered, else English. */
    public static Messages of(String language) {
        String chosen = supported(language).orElse(ENGLISH);
        return LOADED.computeIfAbsent(chosen, Messages::load);
    }

    /** The language offered for a tag ("cy-GB" and "CY" are "cy"), if any. */
    public static Optional<String> supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_;]", 2)[0];
        return languages().contains(primary) ? Optional.of(primary) : Optional.empty();
    }

    /** Every language offered, English first. */
    public static List<String> languages() {
        if (languages == null) {
            TreeSet<String> found = new TreeSet<>(scan());
            found.remove(ENGLISH);
            List<String> all = new ArrayList<>();
            all.add(ENGLISH);
            all.addAll(found);
            languages = List.copyOf(all);
        }
        return languages;
    }

    public String language() {
        return language;
    }

    /** The text of a key with its values put in; an unknown key is shown as itself, so that it is found and fixed. */
    public String text(String key, Object... values) {
        String text = texts.get(key);
        if (text == null) {
            return key;
        }
        for (int k = 0; k < values.length; k++) {
            text = text.replace("{" + k + "}", String.valueOf(values[k]));
        }
        return text;
    }

    /** Every text of the language, English where it has none: what a page's script reads. */
    public Map<String, String> all() {
        return texts;
    }

    /** {@link #all()} as JSON that may stand inside a {@code <script>} element. */
    public String json() {
        try {
            return Json.MAPPER.writeValueAsString(texts).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Messages load(String language) {
        Map<String, String> texts = new LinkedHashMap<>(read(ENGLISH));
        if (!language.equals(ENGLISH)) {
            texts.putAll(read(language));
        }
        return new Messages(language, Map.copyOf(texts));
    }

    private static Map<String, String> read(String language) {
        try (InputStream stream = Messages.class.getClassLoader().getResourceAsStream(FOLDER + language + ".json")) {
            if (stream == null) {
                throw new IllegalStateException("no messages for language " + language);
            }
            return Json.MAPPER.readValue(stream, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the messages of " + language + " cannot be read", e);
        }
    }

    /** The languages whose files are on the class path, in a directory or a jar. */
    private static List<String> scan() {
        List<String> found = new ArrayList<>();
        try {
            Enumeration<URL> folders = Messages.class.getClassLoader().getResources(FOLDER);
            while (folders.hasMoreElements()) {
                URL folder = folders.nextElement();
                if ("jar".equals(folder.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) folder.openConnection();
                    connection.setUseCaches(false);
                    try (var jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                            String name = entries.nextElement().getName();
                            if (name.startsWith(FOLDER) && name.endsWith(".json") && name.indexOf('/', FOLDER.length()) < 0) {
                                found.add(name.substring(FOLDER.length(), name.length() - ".json".length()));
                            }
                        }
                    }
                } else if ("file".equals(folder.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                        files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                                .forEach(name -> found.add(name.substring(0, name.length() - ".json".length())));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("the languages on the class path cannot be listed", e);
        }
        return found;
    }
}
