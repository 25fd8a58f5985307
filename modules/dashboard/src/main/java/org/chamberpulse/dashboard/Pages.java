package org.chamberpulse.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.Text;

/** The HTML pages, from the class path, with a few values put in, each escaped for HTML. */
final class Pages {

    private static final Pattern TEXT = Pattern.compile("\\{\\{t:([a-z.]+)}}");

    private Pages() {
    }

    static String render(String name, Map<String, String> values) {
        return render(name, values, Map.of());
    }

    /** @param html values that are HTML already, made of escaped parts by the caller */
    static String render(String name, Map<String, String> values, Map<String, String> html) {
        return render(name, values, html, Messages.of(Messages.ENGLISH));
    }

    /**
     * In a language: {@code {{t:key}}} is the key's text, {@code {{lang}}} the language, {@code {{messages}}}
     * every text for the page's script, {@code {{languages}}} the switch.
     */
    static String render(String name, Map<String, String> values, Map<String, String> html, Messages messages) {
        String page = read("/public/" + name);
        Matcher keys = TEXT.matcher(page);
        StringBuilder translated = new StringBuilder(page.length());
        while (keys.find()) {
            keys.appendReplacement(translated, Matcher.quoteReplacement(Text.escapeMarkup(messages.text(keys.group(1)))));
        }
        keys.appendTail(translated);
        page = translated.toString().replace("{{lang}}", messages.language()).replace("{{messages}}", messages.json())
                .replace("{{languages}}", Language.switcher(messages));
        for (Map.Entry<String, String> value : html.entrySet()) {
            page = page.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            page = page.replace("{{" + value.getKey() + "}}", Text.escapeMarkup(value.getValue()));
        }
        return page;
    }

    private static String read(String resource) {
        try (InputStream stream = Pages.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("missing page " + resource);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole number from a query, within bounds; anything that is not one is {@code otherwise}. */
    static int number(String text, int otherwise, int min, int max) {
        try {
            return text == null ? otherwise : Math.max(min, Math.min(max, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
