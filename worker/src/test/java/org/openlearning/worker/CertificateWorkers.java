package org.openlearning.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;

/** Worker processes that can issue certificates (a signing key made at test time), and what the tests read back. */
final class CertificateWorkers {

    static final String KEY_PASSWORD = "worker-test-key";

    private CertificateWorkers() {
    }

    /** A self-signed PKCS#12 key, made with the JDK's keytool as ./platform makes the development key. */
    static Path keystore() throws IOException, InterruptedException {
        Path file = Files.createTempDirectory("certificate-key").resolve("signing.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "certificates", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=Open Learning worker tests", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", KEY_PASSWORD, "-keypass", KEY_PASSWORD)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool could not make a key");
        }
        return file;
    }

    static AppProcess start(TestStack.Env env, String name, Path keystore, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--platform.certificates.keystore=" + keystore,
                "--platform.certificates.keystore-password=" + KEY_PASSWORD,
                "--platform.certificates.work-dir=" + Files.createTempDirectory("certificates-" + name),
                "--platform.intents.sweep-interval=1s", "--platform.intents.stale-after=1s",
                "--spring.datasource.hikari.maximum-pool-size=6"));
        args.addAll(List.of(extra));
        return WorkerProcess.start(env, name, args.toArray(String[]::new));
    }

    record BatchStatus(String status, int read, int accepted, int rejected, int issued) {

        boolean finished() {
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        }
    }

    static BatchStatus batch(TestStack.Env env, long id) throws SQLException {
        try (Connection c = env.connect()) {
            return batch(c, id);
        }
    }

    private static BatchStatus batch(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT status, rows_read, rows_accepted, rows_rejected,
                       (SELECT count(*) FROM certificates WHERE batch_id = b.id AND sha256 IS NOT NULL)
                FROM certificate_batches b WHERE id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new BatchStatus(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
            }
        }
    }

    static BatchStatus await(TestStack.Env env, long id, java.util.function.Predicate<BatchStatus> until,
            Duration timeout, AppProcess worker) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        BatchStatus last = null;
        try (Connection c = env.connect()) { // one connection: PostgreSQL's slots are shared by many tests
            while (Instant.now().isBefore(deadline)) {
                last = batch(c, id);
                if (until.test(last)) {
                    return last;
                }
                AppProcess.sleep(100);
            }
        }
        throw new AssertionError("batch " + id + " still " + last + " after " + timeout + "; worker log: " + worker.tail());
    }

    static long count(TestStack.Env env, String sql, Object... args) throws SQLException {
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
