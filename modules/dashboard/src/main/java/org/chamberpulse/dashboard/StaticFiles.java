package org.chamberpulse.dashboard;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.chamberpulse.model.Sha256;

/**
 * The pages' scripts and style sheet under {@code /static}, read from the class path once each and held, with
 * a strong ETag. Not Jetty's class-path resources: those mount the application's jar as a zip file system, an
 * index of its 38,000 entries that was 43 of an idle {@code run}'s 115 MB of live heap, and 500,000 objects for
 * the collector to trace in every cycle, to serve a few small files (docs/BENCHMARKS.md).
 */
final class StaticFiles {

    /**
     * The names the pages use: no directories, so no path leaves {@code /public}, and not its HTML, which are
     * templates the server fills (Pages).
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private record File(byte[] bytes, String type, String etag) {
    }

    /** Only files that exist are held: a name that does not is looked up again, so no request grows it. */
    private final Map<String, File> held = new ConcurrentHashMap<>();

    void serve(Context ctx) {
        Optional<File> file = find(ctx.pathParam("name"));
        if (file.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        ctx.header("Cache-Control", "max-age=0").header("ETag", file.get().etag());
        if (revalidated(ctx.header("If-None-Match"), file.get().etag())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(file.get().type()).result(file.get().bytes());
    }

    /** The client holds this version already (RFC 9110: a list of tags, weak ones compared weakly, or "*"). */
    private static boolean revalidated(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String held = tag.trim();
            if (held.equals("*") || held.equals(etag) || held.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private Optional<File> find(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        File known = held.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try (InputStream stream = StaticFiles.class.getResourceAsStream("/public/" + name)) {
            if (stream == null) {
                return Optional.empty();
            }
            byte[] bytes = stream.readAllBytes();
            String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(bytes)).substring(0, 22) + "\"";
            File file = new File(bytes, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), etag);
            held.put(name, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
