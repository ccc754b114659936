package org.openlearning.certificate.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openlearning.certificate.CertificateIds;

/**
 * Rendered and signed certificates checked with the standard tools: pdfsig (signature valid over
 * the whole document, invalid after one changed byte), pdftoppm + zbarimg (the QR code) and
 * pdftotext (the names, in any script).
 */
class CertificateRendererTest {

    /** 120 characters. */
    static final String LONG_NAME = "Maximiliana Alexandrina Wilhelmina von Hohenzollern-Sigmaringen und "
            + "Großherzogin zu Mecklenburg-Strelitz-Schwerin Annika";

    @TempDir
    static Path keys;
    /** Rendered certificates stay under target/ for a look. */
    static Path dir = Path.of("target", "rendered");
    static CertificateRenderer renderer;
    static Path keystore;

    @BeforeAll
    static void key() throws Exception {
        Files.createDirectories(dir);
        keystore = Tools.keystore(keys, "test-pass");
        renderer = new CertificateRenderer(new CertificateSettings(keystore, "test-pass", null,
                Path.of("/usr/share/fonts/truetype/dejavu"), 2, 250, 500, 5, dir));
    }

    private static CertificateContent content(String name) {
        String id = CertificateIds.next();
        return new CertificateContent(id, name, "Machine Learning: Foundations and Practice", "Université Laval",
                LocalDate.of(2026, 11, 3), "http://127.0.0.1:8080/certificates/" + id + "/verify");
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name + ".pdf");
        Files.write(file, bytes);
        return file;
    }

    @Test
    void pdfsigReportsAValidSignatureOverTheWholeDocument() throws Exception {
        CertificateRenderer.SignedPdf pdf = renderer.render(content("José Ñúñez-Łukasiewicz"));
        Path file = write("signed", pdf.bytes());

        Tools.Result result = Tools.run("pdfsig", file.toString());

        assertThat(result.output()).contains("Signature is Valid").contains("Total document signed");
        assertThat(pdf.sha256()).isEqualTo(CertificateRenderer.sha256(Files.readAllBytes(file))).hasSize(64);
    }

    @Test
    void anRsaKeySignsAsValidlyAsTheDevelopmentEcKey() throws Exception {
        Path rsaKeystore = Tools.rsaKeystore(keys, "rsa-pass");
        CertificateRenderer rsa = new CertificateRenderer(new CertificateSettings(rsaKeystore, "rsa-pass", null,
                Path.of("/usr/share/fonts/truetype/dejavu"), 2, 250, 500, 5, dir));
        Path file = write("signed-rsa", rsa.render(content("Дмитрий Шостакович")).bytes());

        Tools.Result result = Tools.run("pdfsig", file.toString());

        assertThat(result.output()).contains("Signature is Valid").contains("Total document signed");
        assertThat(PdfSigner.algorithm(privateKey(rsaKeystore, "rsa-pass"))).isEqualTo("SHA256withRSA");
        assertThat(PdfSigner.algorithm(privateKey(keystore, "test-pass"))).isEqualTo("SHA256withECDSA");
    }

    private static java.security.PrivateKey privateKey(Path keystore, String password) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return (java.security.PrivateKey) store.getKey("certificates", password.toCharArray());
    }

    @Test
    void changingOneByteMakesTheSignatureFail() throws Exception {
        byte[] bytes = renderer.render(content("Ελένη Παπαδοπούλου")).bytes().clone();
        // a byte inside the signed range (the page content), not in the signature itself
        int at = bytes.length / 3;
        bytes[at] = (byte) (bytes[at] ^ 0x01);
        Path file = write("tampered", bytes);

        Tools.Result result = Tools.run("pdfsig", file.toString());

        assertThat(result.output()).contains("Total document signed").doesNotContain("Signature is Valid");
        assertThat(result.output()).containsAnyOf("Signature is Invalid", "Digest Mismatch", "Signature has not yet been verified");
    }

    @Test
    void theQrCodeDecodesToTheVerificationUrl() throws Exception {
        CertificateContent content = content("Дмитрий Шостакович");
        Path file = write("qr", renderer.render(content).bytes());
        Path png = dir.resolve("qr-page");

        Tools.Result raster = Tools.run("pdftoppm", "-r", "150", "-png", "-singlefile", file.toString(), png.toString());
        assertThat(raster.exitCode()).as(raster.output()).isZero();
        Tools.Result decoded = Tools.run("zbarimg", "--quiet", "--raw", png + ".png");

        assertThat(decoded.output().strip()).isEqualTo(content.verifyUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"José Ñúñez-Łukasiewicz", "Ελένη Παπαδοπούλου", "Дмитрий Шостакович", LONG_NAME})
    void namesInAnyScriptRenderOnOnePageAndExtractBack(String name) throws Exception {
        CertificateContent content = content(name);
        byte[] bytes = renderer.render(content).bytes();
        Path file = write("name-" + Math.abs(name.hashCode()), bytes);

        // -raw: in drawing order, and without joining a word hyphenated at a line end
        Tools.Result text = Tools.run("pdftotext", "-raw", "-enc", "UTF-8", file.toString(), "-");

        assertThat(Tools.withoutSpace(text.output())).contains(Tools.withoutSpace(name));
        assertThat(Tools.normalizeSpace(text.output())).contains("Machine Learning: Foundations and Practice").contains("Université Laval")
                .contains("3 November 2026").contains(content.id());
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
    }

    @Test
    void markupInANameIsPrintedAsText() throws Exception {
        String name = "<b>Ana</b> & \"Co\" {{id}}";
        Path file = write("markup", renderer.render(content(name)).bytes());

        Tools.Result text = Tools.run("pdftotext", "-raw", "-enc", "UTF-8", file.toString(), "-");

        assertThat(text.output().lines().map(Tools::normalizeSpace)).contains(name);
    }

    @Test
    void aLongNameGetsASmallerFontThanAShortOne() {
        assertThat(LONG_NAME).hasSize(120);
        assertThat(CertificateTemplate.nameSize(LONG_NAME)).isLessThan(CertificateTemplate.nameSize("Ana Lee"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"José Ñúñez-Łukasiewicz", "Ελένη Παπαδοπούλου", "Дмитрий Шостакович"})
    void shortNamesStayOnOneLine(String name) throws Exception {
        Path file = write("line-" + Math.abs(name.hashCode()), renderer.render(content(name)).bytes());

        Tools.Result text = Tools.run("pdftotext", "-raw", "-enc", "UTF-8", file.toString(), "-");

        assertThat(text.output().lines().map(Tools::normalizeSpace)).contains(name);
    }

    @Test
    void aMissingFontFailsWithWhatToInstall() {
        CertificateRenderer noFonts = new CertificateRenderer(new CertificateSettings(keys.resolve("signing.p12"),
                "test-pass", null, dir.resolve("no-fonts"), 1, 250, 500, 5, dir));

        assertThatThrownBy(() -> noFonts.render(content("Ana Lee")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fonts-dejavu-core");
    }
}
