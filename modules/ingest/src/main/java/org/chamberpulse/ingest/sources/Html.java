package org.chamberpulse.ingest.sources;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** A post's HTML (Mastodon sends content as HTML) as the plain text a reader sees: paragraphs and line breaks kept. */
public final class Html {

    private Html() {
    }

    public static String toText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document document = Jsoup.parseBodyFragment(html);
        StringBuilder out = new StringBuilder();
        append(document.body(), out);
        return out.toString().strip();
    }

    private static void append(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                out.append(text.getWholeText());
            } else if (child instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("br")) {
                    out.append('\n');
                    continue;
                }
                if (tag.equals("p") && out.length() > 0) {
                    out.append("\n\n");
                }
                append(element, out);
            }
        }
    }
}
