package io.vigil.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prometheus Alertmanager from Debian's package, unpacked rather than installed, so that the baseline
 * needs neither root nor a download site other than Debian's: the {@code .deb} comes from the archive's
 * pool, checked against a pinned checksum, or from {@code apt-get download} on a machine whose package
 * lists cannot reach the pool directly (as {@code helm/check/check.sh} fetches promtool).
 *
 * <p>Debian's build reads its default notification templates from {@code /usr/share/prometheus/alertmanager},
 * which an unpacked package does not have, and refuses every configuration without them. A copy of the
 * binary therefore has that one path rewritten to the relative {@code usr/share/prometheus/alertmanager/}
 * (the same length, so nothing else in the binary moves), which the baseline resolves by starting the
 * process in the directory the package was unpacked into.
 */
final class AlertmanagerBinary {

    static final String VERSION = "0.25.0-1+b4";
    static final String DEB = "prometheus-alertmanager_" + VERSION + "_amd64.deb";
    static final String POOL_URL = "http://deb.debian.org/debian/pool/main/p/prometheus-alertmanager/" + DEB;
    static final String DEB_SHA256 = "4fb9aed15cfe8e0c32408e643ab32a1e41ee87d2cc26f18aeba928b1b0b98ae7";
    /** The copy with its template directory made relative; checked so that a changed rewrite cannot pass. */
    static final String RELOCATED_SHA256 = "b8ea4cc689cdedb5b8e2244f807c3509e4869dd6737fc3797f2adde30e5208bf";

    static final byte[] TEMPLATE_DIR = "/usr/share/prometheus/alertmanager".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RELATIVE_TEMPLATE_DIR = "usr/share/prometheus/alertmanager/"
            .getBytes(StandardCharsets.US_ASCII);

    /** The relocated binary, inside the directory it must be started in. */
    record Installed(Path binary, Path workingDirectory) {
    }

    private AlertmanagerBinary() {
    }

    /**
     * The binary under {@code tools} (e.g. {@code infra/load/target/tools/alertmanager}): the one already
     * there if its checksum is the pinned one, otherwise fetched, unpacked and relocated anew.
     */
    static Installed fetch(Path tools) throws IOException, InterruptedException {
        Path binary = tools.resolve("prometheus-alertmanager");
        Path templates = tools.resolve("usr/share/prometheus/alertmanager/default.tmpl");
        if (Files.isExecutable(binary) && Files.isRegularFile(templates) && sha256(binary).equals(RELOCATED_SHA256)) {
            return new Installed(binary, tools);
        }
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("The pinned Alertmanager package is for Linux amd64, not "
                    + System.getProperty("os.name") + " " + arch);
        }
        Host.log("Fetching Alertmanager (Debian package prometheus-alertmanager %s) into %s", VERSION, tools);
        deleteTree(tools);
        Path download = tools.resolveSibling(tools.getFileName() + "-deb");
        deleteTree(download);
        Files.createDirectories(download);
        Path deb = download.resolve(DEB);
        String curl = run(download, "curl", "-sSf", "--max-time", "300", "-o", DEB, POOL_URL);
        if (curl == null && Files.isRegularFile(deb) && !sha256(deb).equals(DEB_SHA256)) {
            curl = "a file with checksum " + sha256(deb) + ", not the pinned " + DEB_SHA256;
        }
        if (curl != null || !Files.isRegularFile(deb)) {
            // The archive's pool unreachable (or answering something else): apt's own download, same version.
            Files.deleteIfExists(deb);
            String apt = run(download, "apt-get", "download", "prometheus-alertmanager=" + VERSION);
            if (apt != null || !Files.isRegularFile(deb)) {
                throw new IllegalStateException("Cannot fetch " + DEB + ": curl from " + POOL_URL + " said: " + curl
                        + "; apt-get download said: " + apt);
            }
        }
        String debSha = sha256(deb);
        if (!debSha.equals(DEB_SHA256)) {
            throw new IllegalStateException(DEB + " has checksum " + debSha + ", not the pinned " + DEB_SHA256);
        }
        String unpack = run(download, "dpkg-deb", "-x", DEB, tools.toAbsolutePath().toString());
        if (unpack != null) {
            throw new IllegalStateException("dpkg-deb could not unpack " + deb + ": " + unpack);
        }
        byte[] relocated = relocateTemplates(Files.readAllBytes(tools.resolve("usr/bin/prometheus-alertmanager")));
        Path partial = tools.resolve("prometheus-alertmanager.partial");
        Files.write(partial, relocated);
        if (!partial.toFile().setExecutable(true)) {
            throw new IOException("Cannot make " + partial + " executable");
        }
        String relocatedSha = sha256(partial);
        if (!relocatedSha.equals(RELOCATED_SHA256)) {
            throw new IllegalStateException("The relocated Alertmanager binary has checksum " + relocatedSha
                    + ", not the pinned " + RELOCATED_SHA256);
        }
        Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(download);
        return new Installed(binary, tools);
    }

    /**
     * The binary with its template directory, the one occurrence of {@code /usr/share/prometheus/alertmanager}
     * not followed by a slash (the others are the web UI's directories), rewritten to a relative path of the
     * same length. Refuses a binary with no such occurrence or several, which would be another build.
     */
    static byte[] relocateTemplates(byte[] binary) {
        int found = -1;
        for (int at = indexOf(binary, TEMPLATE_DIR, 0); at >= 0; at = indexOf(binary, TEMPLATE_DIR, at + 1)) {
            int after = at + TEMPLATE_DIR.length;
            if (after < binary.length && binary[after] == '/') {
                continue;
            }
            if (found >= 0) {
                throw new IllegalStateException("The Alertmanager binary names its template directory more than once");
            }
            found = at;
        }
        if (found < 0) {
            throw new IllegalStateException("The Alertmanager binary does not name /usr/share/prometheus/alertmanager");
        }
        byte[] relocated = binary.clone();
        System.arraycopy(RELATIVE_TEMPLATE_DIR, 0, relocated, found, RELATIVE_TEMPLATE_DIR.length);
        return relocated;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Runs a command in {@code dir}; answers null if it succeeded, else what it printed and its exit code. */
    private static String run(Path dir, String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            // curl gives up after 5 minutes, apt after its own timeouts; the output ends when the process does.
            byte[] output = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            return exit == 0 ? null : "exit " + exit + ": " + new String(output, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "cannot run " + command[0] + ": " + e.getMessage();
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Deletes a directory and everything in it, if it is there. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
