package org.openlearning.certificate.issuance;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.certificate.CertificateDao.CertificateRow;
import org.openlearning.certificate.CertificateUrls;
import org.openlearning.storage.ObjectStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Turns pending certificates into issued ones: render and sign (several at once), store the PDF
 * under a key of its own, then record key and SHA-256 for all of them in one batch. Only the first
 * recording of a certificate counts ({@code sha256 IS NULL}), so a retry or a racing worker can
 * never change an issued certificate; its stray PDF is deleted.
 */
@Component
class CertificateIssuer implements DisposableBean {

    private final CertificateRenderer renderer;
    private final ObjectStore store;
    private final CertificateUrls urls;
    private final Jdbi jdbi;
    private final ExecutorService pool;

    CertificateIssuer(CertificateRenderer renderer, ObjectStore store, CertificateUrls urls, Jdbi jdbi,
            CertificateSettings settings) {
        this.renderer = renderer;
        this.store = store;
        this.urls = urls;
        this.jdbi = jdbi;
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.renderThreads()), Thread.ofPlatform()
                .name("certificate-render-", 0).daemon(true).factory());
    }

    private record Stored(String id, String key, String sha256) {
    }

    /** Issues the given pending certificates; returns how many this call recorded. */
    int issue(List<CertificateRow> pending) throws Exception {
        List<Future<Stored>> futures = new ArrayList<>(pending.size());
        for (CertificateRow row : pending) {
            futures.add(pool.submit(() -> renderAndStore(row)));
        }
        List<Stored> stored = new ArrayList<>(pending.size());
        Exception failure = null;
        for (Future<Stored> future : futures) {
            try {
                stored.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null && e.getCause() instanceof Exception cause ? cause : failure;
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw e;
            }
        }
        int recorded = record(stored);
        if (failure != null) {
            throw failure; // those that made it are recorded; the job's retry does the rest
        }
        return recorded;
    }

    private Stored renderAndStore(CertificateRow row) throws Exception {
        CertificateContent content = new CertificateContent(row.id(), row.learnerName(), row.courseTitle(),
                row.partnerName(), row.completedOn(), urls.verify(row.id()));
        CertificateRenderer.SignedPdf pdf = renderer.render(content);
        String key = "certificates/" + row.id() + "/" + pdf.sha256().substring(0, 16) + ".pdf";
        store.put(key, new ByteArrayInputStream(pdf.bytes()), pdf.bytes().length, "application/pdf");
        return new Stored(row.id(), key, pdf.sha256());
    }

    private int record(List<Stored> stored) {
        if (stored.isEmpty()) {
            return 0;
        }
        List<String> recorded = jdbi.withHandle(h -> h.createQuery("""
                        UPDATE certificates c SET issued_at = now(), object_key = s.key, sha256 = s.sha256
                        FROM unnest(:ids, :keys, :shas) AS s(id, key, sha256)
                        WHERE c.id = s.id AND c.sha256 IS NULL
                        RETURNING c.id
                        """)
                .bind("ids", stored.stream().map(Stored::id).toArray(String[]::new))
                .bind("keys", stored.stream().map(Stored::key).toArray(String[]::new))
                .bind("shas", stored.stream().map(Stored::sha256).toArray(String[]::new))
                .mapTo(String.class)
                .list());
        java.util.Set<String> recordedIds = new java.util.HashSet<>(recorded);
        for (Stored s : stored) {
            if (!recordedIds.contains(s.id())) {
                store.delete(s.key()); // another rendering was recorded first
            }
        }
        return recorded.size();
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
