package io.vigil.intake.syslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test certificate authority, a listener certificate and appliance client certificates, made
 * with the JDK's keytool (PKCS#12, password {@value #PASSWORD}); for tests only.
 */
final class TestCertificates {

    static final String PASSWORD = "test-only-password";

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes the authority, its trust store and the listener's key store; returns this. */
    TestCertificates create() {
        try {
            Files.createDirectories(dir);
            for (String file : List.of("ca.p12", "trust.p12", "server.p12", "ca.pem")) {
                Files.deleteIfExists(dir.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Vigil Test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-rfc", "-file", "ca.pem");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-storetype",
                "PKCS12", "-storepass", PASSWORD);
        signed("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
        return this;
    }

    /** A key store holding a key and a certificate for {@code subject}, signed by the authority. */
    Path signed(String name, String subject, String extension) {
        String store = name + ".p12";
        try {
            Files.deleteIfExists(dir.resolve(store));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass",
                PASSWORD, "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "2", "-rfc"));
        if (extension != null) {
            gencert.addAll(List.of("-ext", extension));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store, "-storepass", PASSWORD);
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", store, "-storepass", PASSWORD);
        return dir.resolve(store);
    }

    Path path(String file) {
        return dir.resolve(file);
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
