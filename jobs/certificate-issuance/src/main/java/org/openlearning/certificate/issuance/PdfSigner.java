package org.openlearning.certificate.issuance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collections;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs PDFs with a detached CMS signature ({@code adbe.pkcs7.detached}, SHA-256 with ECDSA or RSA) over the whole
 * document, appended as an incremental update by PDFBox; the CMS structure is built by
 * BouncyCastle. The PKCS#12 key is loaded once; signing is thread-safe.
 */
final class PdfSigner {

    private final PrivateKey key;
    private final Certificate[] chain;
    private final String signerName;
    private final String algorithm;

    private PdfSigner(PrivateKey key, Certificate[] chain) {
        this.key = key;
        this.chain = chain;
        this.signerName = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
        this.algorithm = algorithm(key);
    }

    /**
     * SHA-256 with the key's own algorithm: ECDSA (the development key: P-256, a signature in a
     * tenth of the time of RSA-2048 for the same strength) or RSA (what many production CAs issue).
     */
    static String algorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalStateException("the signing key is " + key.getAlgorithm()
                    + "; certificates are signed with RSA or EC (ECDSA) keys");
        };
    }

    /** Loads the key; fails with a readable reason when the keystore is missing or unusable. */
    static PdfSigner load(Path keystore, String password, String alias) {
        if (keystore == null) {
            throw new IllegalStateException("no signing key: set platform.certificates.keystore (a PKCS#12 file) and"
                    + " platform.certificates.keystore-password");
        }
        if (!Files.isReadable(keystore)) {
            throw new IllegalStateException("the certificate signing keystore " + keystore + " is missing or unreadable");
        }
        char[] pass = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, pass);
            String name = alias;
            if (name == null || name.isBlank()) {
                name = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the keystore " + keystore + " holds no private key"));
            }
            if (!(store.getKey(name, pass) instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("the keystore " + keystore + " has no private key '" + name + "'");
            }
            algorithm(privateKey); // an unusable kind of key fails here, with the reason
            Certificate[] chain = store.getCertificateChain(name);
            if (chain == null || chain.length == 0) {
                throw new IllegalStateException("the key '" + name + "' in " + keystore + " has no certificate");
            }
            return new PdfSigner(privateKey, chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the signing keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The signed PDF: the input bytes unchanged, followed by the signature's incremental update. */
    byte[] sign(byte[] pdf, String reason) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16 * 1024);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(signerName);
            signature.setReason(reason);
            signature.setSignDate(Calendar.getInstance());
            document.addSignature(signature);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes()));
        }
        return out.toByteArray();
    }

    private byte[] cms(byte[] content) throws IOException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(key);
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build()).build(signer, (X509Certificate) chain[0]));
            generator.addCertificates(new JcaCertStore(Arrays.asList(chain)));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (OperatorCreationException | CMSException | GeneralSecurityException e) {
            throw new IOException("cannot sign: " + e.getMessage(), e);
        }
    }
}
