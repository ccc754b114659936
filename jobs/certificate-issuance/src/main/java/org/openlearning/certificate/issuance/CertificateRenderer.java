package org.openlearning.certificate.issuance;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * Renders and signs certificates: the template, fonts and key are loaded once, on first use, so a
 * worker without them still starts and its certificate jobs fail with the reason.
 */
@Component
class CertificateRenderer {

    /** A signed certificate PDF and its SHA-256 (hex). */
    record SignedPdf(byte[] bytes, String sha256) {
    }

    private final CertificateSettings settings;
    private volatile CertificateTemplate template;
    private volatile PdfSigner signer;

    /**
     * PDFBox's deflate level for every stream it writes (font subsets, page content). The fastest
     * level made a certificate 4 % larger and its rendering 15 % cheaper; an operator's own choice
     * ({@code -Dorg.apache.pdfbox.filter.deflatelevel=…}) is kept.
     */
    static final String DEFLATE_LEVEL = "org.apache.pdfbox.filter.deflatelevel";

    CertificateRenderer(CertificateSettings settings) {
        this.settings = settings;
        if (System.getProperty(DEFLATE_LEVEL) == null) {
            System.setProperty(DEFLATE_LEVEL, "1");
        }
    }

    SignedPdf render(CertificateContent content) throws IOException {
        byte[] pdf = template().render(content);
        byte[] signed = signer().sign(pdf, "Certificate " + content.id() + " issued by Open Learning");
        return new SignedPdf(signed, sha256(signed));
    }

    private CertificateTemplate template() {
        CertificateTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = new CertificateTemplate(settings.fontDir());
                }
                t = template;
            }
        }
        return t;
    }

    private PdfSigner signer() {
        PdfSigner s = signer;
        if (s == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = PdfSigner.load(settings.keystore(), settings.keystorePassword(), settings.keyAlias());
                }
                s = signer;
            }
        }
        return s;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
