package org.chamberpulse.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.chamberpulse.model.Text;

/**
 * The report's Mustache templates (beside this class as resources), escaped as the rest of the report is:
 * Mustache's own escaper keeps the control characters XML 1.0 forbids, which the PDF's renderer refuses.
 */
final class MarkupTemplates extends DefaultMustacheFactory {

    private static final MarkupTemplates TEMPLATES = new MarkupTemplates();

    private MarkupTemplates() {
        super("org/chamberpulse/report");
    }

    static Mustache template(String name) {
        return TEMPLATES.compile(name);
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(Text.escapeMarkup(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
