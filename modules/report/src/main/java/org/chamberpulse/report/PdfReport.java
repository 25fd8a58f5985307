package org.chamberpulse.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.chamberpulse.model.Sha256;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.w3c.dom.Document;

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

    /**
     * The page as a PDF, the same bytes for the same page: its dates are the report's own ("made" time) and
     * its file identifier a digest of the page, where PDFBox would take the clock's time for both.
     */
    public static byte[] render(String html, Instant made) {
        // openhtmltopdf wants XML; jsoup reads any HTML and hands over a W3C document.
        Document document = new W3CDom().fromJsoup(Jsoup.parse(html));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useSVGDrawer(new BatikSVGDrawer());
        builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.withW3cDocument(document, null);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.createPDFWithoutClosing();
            PDDocument pdf = renderer.getPdfDocument();
            Calendar date = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            date.setTimeInMillis(made.toEpochMilli());
            pdf.getDocumentInformation().setCreationDate(date);
            pdf.getDocumentInformation().setModificationDate(date);
            COSString id = new COSString(digest(html));
            COSArray ids = new COSArray();
            ids.add(id);
            ids.add(id);
            pdf.getDocument().setDocumentID(ids);
            pdf.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] digest(String html) {
        return Arrays.copyOf(Sha256.of(html), 16);
    }

    private static InputStream font(String name) {
        InputStream in = PdfReport.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the font " + name + " is missing from the report module");
        }
        return in;
    }
}
