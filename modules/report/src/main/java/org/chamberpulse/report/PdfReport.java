package org.chamberpulse.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * The HTML report printed to PDF. The font is embedded (DejaVu Sans, which has the Welsh ŵ and ŷ), so
 * the PDF reads the same on every machine.
 */
public final class PdfReport {

    static final String FONT_FAMILY = "DejaVu Sans";

    static {
        // The renderer logs through java.util.logging unless told otherwise; the product logs through slf4j.
        XRLog.setLoggerImpl(new Slf4jLogger());
    }

    private PdfReport() {
    }

    public static byte[] render(String html) {
        // openhtmltopdf wants XML; jsoup reads any HTML and hands over a W3C document.
        org.w3c.dom.Document document = new W3CDom().fromJsoup(Jsoup.parse(html));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useSVGDrawer(new BatikSVGDrawer());
        builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.withW3cDocument(document, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String name) {
        InputStream in = PdfReport.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the font " + name + " is missing from the report module");
        }
        return in;
    }
}
