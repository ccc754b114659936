package org.openlearning.certificate.issuance;

import java.time.LocalDate;

/** What a certificate says. */
record CertificateContent(String id, String learnerName, String courseTitle, String partnerName,
        LocalDate completedOn, String verifyUrl) {
}
