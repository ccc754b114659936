package org.openlearning.certificate.issuance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.DefaultObjectDrawerFactory;
import com.openhtmltopdf.util.XRLog;

/**
 * The certificate page: an XHTML/CSS template rendered to PDF by openhtmltopdf with embedded
 * (subset) DejaVu fonts, which cover accented Latin, Greek and Cyrillic, and the QR code drawn as
 * vector squares ({@link QrCodes}). The template, the font
 * files and the font metrics are loaded once and shared by every rendering (thread-safe).
 */
final class CertificateTemplate {

    static final String SERIF = "DejaVuSerif.ttf";
    static final String SERIF_BOLD = "DejaVuSerif-Bold.ttf";
    static final String SANS = "DejaVuSans.ttf";

    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final String html;
    private final Map<String, byte[]> fonts = new LinkedHashMap<>();
    private final FSCacheEx<String, FSCacheValue> metrics = new MapCache();
    private final DefaultObjectDrawerFactory drawers = new DefaultObjectDrawerFactory();
    private final ThreadLocal<Map<String, TrueTypeFont>> threadFonts = ThreadLocal.withInitial(this::parse);
    private final ThreadLocal<Document> threadTemplate = ThreadLocal.withInitial(this::parseTemplate);

    static {
        // openhtmltopdf logs through its own java.util.logging loggers, at INFO for every font it
        // loads: three lines per certificate, in every worker's log; warnings and errors stay
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
    }

    /** Reads the template and the fonts; fails with what to install when a font is missing. */
    CertificateTemplate(Path fontDir) {
        for (String font : new String[] {SERIF, SERIF_BOLD, SANS}) {
            Path file = fontDir.resolve(font);
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("certificate font " + file + " is missing: install the fonts-dejavu-core"
                        + " package or set platform.certificates.font-dir to a directory holding " + font);
            }
            try {
                fonts.put(font, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read certificate font " + file, e);
            }
        }
        drawers.registerDrawer(QrCodes.TYPE, new QrCodes());
        try (InputStream in = CertificateTemplate.class.getResourceAsStream("/certificate/certificate.html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unsigned PDF of a certificate. */
    byte[] render(CertificateContent c) {
        Map<String, String> values = Map.of(
                "nameSize", String.valueOf(nameSize(c.learnerName())),
                "courseSize", String.valueOf(courseSize(c.courseTitle())),
                "name", clean(c.learnerName()),
                "course", clean(c.courseTitle()),
                "partner", clean(c.partnerName().isBlank() ? "Open Learning" : c.partnerName()),
                "date", DATE.format(c.completedOn()),
                "id", clean(c.id()),
                "url", clean(c.verifyUrl()));
        // the template is parsed once per thread; each certificate fills a copy of its DOM
        Document page = (Document) threadTemplate.get().cloneNode(true);
        fill(page.getDocumentElement(), values);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Map<String, TrueTypeFont> parsed = threadFonts.get();
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            // fonts parsed once per rendering thread, only their subsets embedded in each document
            builder.useFont(supplier(document, parsed.get(SERIF)), "CertSerif", 400, FontStyle.NORMAL, true);
            builder.useFont(supplier(document, parsed.get(SERIF_BOLD)), "CertSerif", 700, FontStyle.NORMAL, true);
            builder.useFont(supplier(document, parsed.get(SANS)), "CertSans", 400, FontStyle.NORMAL, true);
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, metrics);
            builder.useObjectDrawerFactory(drawers);
            builder.withProducer("Open Learning certificates");
            builder.withW3cDocument(page, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render certificate " + c.id(), e);
        }
        return out.toByteArray();
    }

    private static PDFontSupplier supplier(PDDocument document, TrueTypeFont font) throws IOException {
        return new PDFontSupplier(PDType0Font.load(document, font, true));
    }

    /** A TrueTypeFont reads its file lazily and is not thread-safe: each rendering thread parses its own. */
    private Map<String, TrueTypeFont> parse() {
        Map<String, TrueTypeFont> parsed = new HashMap<>();
        fonts.forEach((name, bytes) -> {
            try {
                parsed.put(name, new TTFParser().parse(new RandomAccessReadBuffer(bytes)));
            } catch (IOException e) {
                throw new IllegalStateException("certificate font " + name + " cannot be read: " + e.getMessage(), e);
            }
        });
        return parsed;
    }

    /** Long names get a smaller size (and wrap), so the page never overflows. */
    static int nameSize(String name) {
        int n = name.codePointCount(0, name.length());
        return n <= 28 ? 34 : n <= 45 ? 28 : n <= 70 ? 22 : 18;
    }

    static int courseSize(String title) {
        int n = title.codePointCount(0, title.length());
        return n <= 50 ? 20 : n <= 100 ? 16 : n <= 180 ? 13 : 11;
    }

    /** Control characters have no place on a certificate (nor in XML): they become spaces. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(cp >= 0x20 && cp != 0x7f ? cp : ' '));
        return out.toString();
    }

    /** Replaces every {{slot}} in the text and attributes under {@code node} (values go in as text, never as markup). */
    private static void fill(Node node, Map<String, String> values) {
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.ATTRIBUTE_NODE) {
            String text = node.getNodeValue();
            if (text != null && text.contains("{{")) {
                // one pass over the template's text: a value that itself contains {{…}} stays as it is
                node.setNodeValue(SLOT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                        values.getOrDefault(m.group(1), m.group()))));
            }
            return;
        }
        NamedNodeMap attributes = node.getAttributes();
        if (attributes != null) {
            for (int i = 0; i < attributes.getLength(); i++) {
                fill(attributes.item(i), values);
            }
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            fill(child, values);
        }
    }

    private Document parseTemplate() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("the certificate template is not well-formed XHTML: " + e.getMessage(), e);
        }
    }

    /** openhtmltopdf's cache of font metrics, shared by renderings. */
    private static final class MapCache implements FSCacheEx<String, FSCacheValue> {

        private final Map<String, FSCacheValue> map = new ConcurrentHashMap<>();

        @Override
        public void put(String key, FSCacheValue value) {
            map.put(key, value);
        }

        @Override
        public FSCacheValue get(String key, Callable<? extends FSCacheValue> loader) {
            return map.computeIfAbsent(key, k -> {
                try {
                    return loader.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public FSCacheValue get(String key) {
            return map.get(key);
        }
    }
}
