package org.openlearning.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.openlearning.certificate.CertificateDao.CertificateRow;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.intent.IntentQueue;
import org.openlearning.storage.ObjectStore;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Registrars' side of certificates: start a batch (the CSV goes to the object store, the intent row
 * is written, its job enqueued after commit), revoke a certificate, and stream a batch's PDFs as
 * one ZIP. The ZIP is written straight from the stored PDFs to the response, one at a time, so it
 * needs no job, no second copy in the store and no memory beyond one PDF, and it always holds what
 * is issued at the moment of the download.
 */
@Service
public class CertificateBatches {

    public static final int MAX_REASON = 500;

    private final ObjectStore store;
    private final CertificateBatchDao batches;
    private final CertificateDao certificates;
    private final IntentQueue intents;

    CertificateBatches(ObjectStore store, CertificateBatchDao batches, CertificateDao certificates, IntentQueue intents) {
        this.store = store;
        this.batches = batches;
        this.certificates = certificates;
        this.intents = intents;
    }

    public long start(PlatformUser registrar, MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw ApiException.invalid("file", "choose a non-empty CSV file");
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "certificates.csv" : file.getOriginalFilename();
        String safeName = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safeName.length() > 100) {
            safeName = safeName.substring(safeName.length() - 100);
        }
        String key = "certificate-batches/" + UUID.randomUUID() + "/" + safeName;
        try (InputStream in = file.getInputStream()) {
            store.put(key, in, file.getSize(), "text/csv");
        } catch (IOException e) {
            throw new IllegalStateException("could not read the upload", e);
        }
        long id = batches.insert(registrar.id(), name.length() > 200 ? name.substring(0, 200) : name, key, file.getSize());
        intents.enqueue(CertificateBatchRequest.INTENT, id);
        return id;
    }

    /** Revokes an issued certificate with a reason; the verification shows it at once. */
    public CertificateRow revoke(PlatformUser registrar, String certificateId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw ApiException.invalid("reason", "give the reason for the revocation");
        }
        if (why.length() > MAX_REASON) {
            throw ApiException.invalid("reason", "the reason is longer than " + MAX_REASON + " characters");
        }
        String id = certificateId == null ? "" : certificateId.strip();
        CertificateRow row = (CertificateIds.looksValid(id) ? certificates.findById(id) : java.util.Optional.<CertificateRow>empty())
                .filter(CertificateRow::issued)
                .orElseThrow(() -> ApiException.notFound("no issued certificate has the id '" + shorten(id) + "'"));
        if (row.revoked()) {
            throw ApiException.conflict("certificate_id", "certificate " + id + " was already revoked on "
                    + row.revokedAt() + ": " + row.revocationReason());
        }
        if (!certificates.revoke(id, registrar.id(), why)) {
            throw ApiException.conflict("certificate_id", "certificate " + id + " was revoked meanwhile");
        }
        return certificates.findById(id).orElseThrow();
    }

    /** Writes the batch's issued PDFs as a ZIP, in line order. */
    public void writeZip(long batchId, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        for (CertificateRow c : certificates.issuedInBatch(batchId)) {
            zip.putNextEntry(new ZipEntry(String.format("line-%05d-%s.pdf", c.batchLine(), c.id())));
            try (InputStream in = store.open(c.objectKey())) {
                in.transferTo(zip);
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
