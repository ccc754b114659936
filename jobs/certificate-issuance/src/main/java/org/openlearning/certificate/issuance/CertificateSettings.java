package org.openlearning.certificate.issuance;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of certificate issuance ({@code platform.certificates.*}).
 *
 * @param keystore         the PKCS#12 file holding the signing key and its certificate chain
 * @param keystorePassword its password (also the key's)
 * @param keyAlias         the key's alias; the first key entry when empty
 * @param fontDir          where the TrueType fonts are (the distribution's fonts-dejavu-core)
 * @param renderThreads    certificates rendered (and stored) at once by one worker; 0: three per core,
 *                         since a rendering thread also waits for the object store to take its PDF
 * @param partSize         batch lines per render job (any worker takes any part)
 * @param chunkSize        CSV rows validated and recorded per transaction
 * @param maxAttempts      attempts of a batch before it is marked FAILED
 * @param workDir          where a batch's CSV is downloaded (the JVM's temporary directory by default)
 */
@ConfigurationProperties("platform.certificates")
record CertificateSettings(Path keystore, String keystorePassword, String keyAlias,
        @DefaultValue("/usr/share/fonts/truetype/dejavu") Path fontDir,
        @DefaultValue("0") int renderThreads,
        @DefaultValue("250") int partSize,
        @DefaultValue("500") int chunkSize,
        @DefaultValue("5") int maxAttempts,
        Path workDir) {

    CertificateSettings {
        // @DefaultValue takes its text literally (no placeholders), hence the default here
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir;
        renderThreads = renderThreads > 0 ? renderThreads : 3 * Runtime.getRuntime().availableProcessors();
    }
}
