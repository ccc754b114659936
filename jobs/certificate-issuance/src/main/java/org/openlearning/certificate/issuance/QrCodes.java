package org.openlearning.certificate.issuance;

import java.awt.Shape;
import java.util.Map;

import org.w3c.dom.Element;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.openhtmltopdf.css.parser.FSRGBColor;
import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.extend.OutputDevice;
import com.openhtmltopdf.render.RenderingContext;

/**
 * QR codes (ZXing) drawn into the PDF as vector squares: {@code <object type="qr" data="…">} in the
 * template becomes the code of its {@code data}, with a quiet zone of 4 modules, filling the
 * object's box. Sharp at any size and a few hundred bytes of page content, where an image had to be
 * encoded as PNG, decoded again by the renderer and compressed once more for the PDF (a quarter of
 * a certificate's rendering time).
 */
final class QrCodes implements FSObjectDrawer {

    static final String TYPE = "qr";

    /** Modules of white around the code, as the QR specification asks. */
    static final int QUIET_ZONE = 4;

    /** The modules of the code for {@code text} (true: dark), without the quiet zone. */
    static boolean[][] modules(String text) {
        try {
            ByteMatrix m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
            boolean[][] dark = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    dark[y][x] = m.get(x, y) == 1;
                }
            }
            return dark;
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
        }
    }

    @Override
    public Map<Shape, String> drawObject(Element element, double x, double y, double width, double height,
            OutputDevice device, RenderingContext context, int dotsPerPixel) {
        boolean[][] dark = modules(element.getAttribute("data"));
        int n = dark.length + 2 * QUIET_ZONE;
        double side = Math.min(width, height);
        device.setColor(new FSRGBColor(0, 0, 0));
        for (int row = 0; row < dark.length; row++) {
            int top = edge(y, side, n, row + QUIET_ZONE);
            int bottom = edge(y, side, n, row + QUIET_ZONE + 1);
            for (int col = 0; col < dark[row].length;) {
                if (!dark[row][col]) {
                    col++;
                    continue;
                }
                int end = col;
                while (end < dark[row].length && dark[row][end]) {
                    end++;
                }
                // one rectangle per run of dark modules; edges rounded alike, so neighbours touch
                int left = edge(x, side, n, col + QUIET_ZONE);
                int right = edge(x, side, n, end + QUIET_ZONE);
                device.fillRect(left, top, right - left, bottom - top);
                col = end;
            }
        }
        return null;
    }

    /** Where module boundary {@code i} of {@code n} falls, from {@code origin} over {@code side}. */
    private static int edge(double origin, double side, int n, int i) {
        return (int) Math.round(origin + side * i / n);
    }
}
