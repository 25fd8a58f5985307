package org.chamberpulse.ingest.sources;

/** Fixtures in the services' documented formats. */
final class Fixtures {

    private Fixtures() {
    }

    /** A Mastodon Status (https://docs.joinmastodon.org/entities/Status/), trimmed to the fields a client reads. */
    static String status(String id, String acct, String contentHtml, String reblog) {
        return """
                {"id":"%s","uri":"https://example.social/users/%s/statuses/%s","created_at":"2026-11-27T14:21:05.000Z",
                 "account":{"id":"1","username":"%s","acct":"%s","bot":false,"created_at":"2020-01-01T00:00:00.000Z"},
                 "content":%s,"language":"en","visibility":"public","url":"https://example.social/@%s/%s",
                 "tags":[{"name":"bcclive","url":"https://example.social/tags/bcclive"}],
                 "reblog":%s,"edited_at":null}""".formatted(id, acct, id, acct, acct, quote(contentHtml), acct, id,
                reblog == null ? "null" : reblog).replace("\n", "");
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
