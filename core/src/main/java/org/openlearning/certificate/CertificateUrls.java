package org.openlearning.certificate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The public addresses of a certificate, from {@code platform.public-url}. */
@Component
public class CertificateUrls {

    private final String base;

    CertificateUrls(@Value("${platform.public-url:http://127.0.0.1:8080}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The verification page, printed on the certificate (and in its QR code) and shared by learners. */
    public String verify(String certificateId) {
        return base + "/certificates/" + certificateId + "/verify";
    }
}
