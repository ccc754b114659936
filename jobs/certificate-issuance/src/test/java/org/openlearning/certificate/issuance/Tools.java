package org.openlearning.certificate.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools the tests check certificates with (poppler, zbar, keytool). */
final class Tools {

    record Result(int exitCode, String output, String errors) {
    }

    private Tools() {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(err);
        }
    }

    /** A fresh self-signed PKCS#12 signing key, made as ./platform makes the development key (ECDSA P-256). */
    static Path keystore(Path dir, String password) throws IOException, InterruptedException {
        return keystore(dir, password, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA");
    }

    /** The same with an RSA-2048 key, as many certificate authorities issue. */
    static Path rsaKeystore(Path dir, String password) throws IOException, InterruptedException {
        return keystore(dir, password, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");
    }

    private static Path keystore(Path dir, String password, String... kind) throws IOException, InterruptedException {
        Path file = dir.resolve("signing-" + kind[1] + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "certificates"));
        command.addAll(List.of(kind));
        command.addAll(List.of("-validity", "3650",
                "-dname", "CN=Open Learning test certificates, O=Open Learning", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", password, "-keypass", password));
        Result result = run(command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("keytool failed: " + result.output() + result.errors());
        }
        return file;
    }

    /** Text as a reader searches it: compatibility forms folded (the renderer draws "fi" as a ligature glyph), white space collapsed. */
    static String normalizeSpace(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
    }

    /** The same without any white space: a wrapped line may break after a hyphen, where the name had no space. */
    static String withoutSpace(String text) {
        return normalizeSpace(text).replace(" ", "");
    }
}
