package io.vigil.containerimage;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the base image of Vigil's service images as a docker-save tarball, from this machine alone.
 *
 * <p>Build machines and CI reach no container registry, so no published Java base image can be pulled.
 * The image is assembled from what the machine already has: a Java runtime cut by {@code jlink} from the
 * JDK, the shared libraries that runtime loads (found with {@code ldd}, taken from the machine's own
 * packages), and a few files every container needs (users, groups, name-service switch, a sticky /tmp).
 * The service images are then layered on it by Quarkus's Jib extension, which reads it with a
 * {@code tar://} base image reference.
 *
 * <p>Arguments: the output tarball, the image name recorded in it, and the JDK whose {@code jlink}
 * and modules make the runtime.
 */
public final class BaseImage {

    /** The user the services run as: 185 is the uid Quarkus gives the files it adds to an image. */
    static final int USER_ID = 185;
    static final String USER_NAME = "vigil";
    /** Quarkus's default working directory for the application, made writable for {@link #USER_ID}. */
    static final String HOME = "/home/jboss";
    static final String JAVA_HOME = "/opt/java/openjdk";

    /**
     * Enough of the platform for Quarkus, Hibernate, JDBC, Kafka's SASL and TLS, JMX and PDF rendering;
     * jdk.localedata keeps Europe/London formatting, jdk.crypto.* the TLS ciphers.
     */
    static final String MODULES = String.join(",",
            "java.se", "jdk.unsupported", "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.zipfs",
            "jdk.naming.dns", "jdk.management", "jdk.management.agent", "jdk.jfr", "jdk.charsets",
            "jdk.localedata", "jdk.security.auth", "jdk.security.jgss", "jdk.net", "jdk.jdwp.agent",
            "jdk.httpserver");

    /** Native parts of java.desktop that only a display or a sound card uses; headless services never load them. */
    static final Set<String> DESKTOP_ONLY = Set.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so");

    private static final Pattern LDD_RESOLVED = Pattern.compile("=>\\s+(/\\S+)\\s+\\(");
    private static final Pattern LDD_LOADER = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x");

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BaseImage <output.tar> <image name> <jdk home>");
        }
        Path output = Path.of(args[0]).toAbsolutePath();
        String imageName = args[1];
        Path jdk = Path.of(args[2]);
        long started = System.nanoTime();

        Path work = output.getParent().resolve("base-image-work");
        deleteRecursively(work);
        Files.createDirectories(work);
        Path runtime = work.resolve("jre");
        jlink(jdk, runtime);
        for (String lib : DESKTOP_ONLY) {
            Files.deleteIfExists(runtime.resolve("lib").resolve(lib));
        }
        Set<Path> libraries = sharedLibraries(runtime);
        Path etc = writeEtc(work.resolve("etc"));
        Path emptyDir = Files.createDirectories(work.resolve("empty"));

        FileEntriesLayer.Builder os = FileEntriesLayer.builder().setName("os");
        for (Path library : libraries) {
            // The real file under the name the loader looks for: a layer holds no symbolic links here.
            os.addEntry(library.toRealPath(), AbsoluteUnixPath.get(library.toString()), FilePermissions.fromOctalString("755"));
        }
        try (Stream<Path> files = Files.list(etc)) {
            files.sorted().forEach(f -> os.addEntry(f, AbsoluteUnixPath.get("/etc/" + f.getFileName()),
                    FilePermissions.fromOctalString("644")));
        }
        // Java's own trust store is the runtime's; this bundle serves anything else that reads the system one.
        Path bundle = Path.of("/etc/ssl/certs/ca-certificates.crt");
        if (Files.isReadable(bundle)) {
            os.addEntry(bundle.toRealPath(), AbsoluteUnixPath.get(bundle.toString()), FilePermissions.fromOctalString("644"));
        }
        // LANG=C.UTF-8 needs glibc's compiled C.UTF-8 locale (from libc-bin); without it the JVM falls back
        // to ASCII for file names, console output and its default charset.
        Path locale = Path.of("/usr/lib/locale/C.utf8");
        if (!Files.isDirectory(locale)) {
            throw new IllegalStateException(locale + " is missing (Debian's libc-bin package ships it)");
        }
        os.addEntryRecursive(locale, AbsoluteUnixPath.get(locale.toString()));
        // Jib writes no sticky bit, so /tmp is 777 rather than the usual 1777: one user runs in the image.
        os.addEntry(new FileEntry(emptyDir, AbsoluteUnixPath.get("/tmp"),
                FilePermissions.fromOctalString("777"), FileEntriesLayer.DEFAULT_MODIFICATION_TIME, "0:0"));
        os.addEntry(new FileEntry(emptyDir, AbsoluteUnixPath.get(HOME),
                FilePermissions.fromOctalString("775"), FileEntriesLayer.DEFAULT_MODIFICATION_TIME, USER_ID + ":0"));

        FileEntriesLayer.Builder java = FileEntriesLayer.builder().setName("java-runtime");
        java.addEntryRecursive(runtime, AbsoluteUnixPath.get(JAVA_HOME),
                (source, target) -> posixPermissions(source),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME_PROVIDER);

        String javaVersion = Files.readAllLines(runtime.resolve("release")).stream()
                .filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).orElse("unknown");

        JibContainer image = Jib.fromScratch()
                .addFileEntriesLayer(os.build())
                .addFileEntriesLayer(java.build())
                .setEnvironment(Map.of(
                        "JAVA_HOME", JAVA_HOME,
                        "PATH", JAVA_HOME + "/bin:/usr/local/bin:/usr/bin:/bin",
                        "LANG", "C.UTF-8",
                        "HOME", HOME))
                .setUser(Integer.toString(USER_ID))
                .setWorkingDirectory(AbsoluteUnixPath.get(HOME))
                // Labels of its own namespace: the service images inherit them beside their OCI ones.
                .setLabels(Map.of(
                        "io.vigil.base-image", imageName,
                        "io.vigil.base-image.java-version", javaVersion))
                .containerize(Containerizer.to(TarImage.at(output).named(imageName))
                        .setToolName("vigil-base-image"));

        System.out.printf("Base image %s (Java %s, %d shared libraries) written to %s in %d s: %s%n",
                imageName, javaVersion, libraries.size(), output, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                image.getDigest());
        deleteRecursively(work);
    }

    private static void jlink(Path jdk, Path runtime) throws IOException, InterruptedException {
        Path jlink = jdk.resolve("bin/jlink");
        if (!Files.isExecutable(jlink) || !Files.isDirectory(jdk.resolve("jmods"))) {
            throw new IllegalStateException(jdk + " is not a JDK with jlink and jmods (on Debian: the openjdk-17-jdk and openjdk-17-jmods packages)");
        }
        run(List.of(jlink.toString(), "--add-modules", MODULES, "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=2", "--output", runtime.toString()), null);
    }

    /** Every library outside the runtime that its executables and libraries load, and the dynamic loader itself. */
    static Set<Path> sharedLibraries(Path runtime) throws IOException, InterruptedException {
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".so") || Files.isExecutable(f))
                    .filter(BaseImage::isElf)
                    .sorted()
                    .forEach(elves::add);
        }
        String libraryPath = runtime.resolve("lib") + ":" + runtime.resolve("lib/server");
        Set<Path> libraries = new TreeSet<>();
        for (Path elf : elves) {
            for (String line : run(List.of("ldd", elf.toString()), libraryPath)) {
                Matcher resolved = LDD_RESOLVED.matcher(line);
                Matcher loader = LDD_LOADER.matcher(line);
                Path library = resolved.find() ? Path.of(resolved.group(1)) : loader.find() ? Path.of(loader.group(1)) : null;
                if (line.contains("not found")) {
                    throw new IllegalStateException(elf + " needs a library this machine lacks: " + line.trim());
                }
                if (library != null && !library.toAbsolutePath().normalize().startsWith(runtime.toAbsolutePath())) {
                    libraries.add(library);
                }
            }
        }
        return libraries;
    }

    private static Path writeEtc(Path etc) throws IOException {
        Files.createDirectories(etc);
        write(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + USER_NAME + ":x:" + USER_ID + ":0:Vigil service:" + HOME + ":/sbin/nologin\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n");
        // Group 0 as the user's primary group lets platforms that run images under an arbitrary uid
        // (in group 0) write where the user can.
        write(etc.resolve("group"), "root:x:0:\n" + USER_NAME + ":x:" + USER_ID + ":\nnogroup:x:65534:\n");
        write(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        write(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n");
        return etc;
    }

    private static FilePermissions posixPermissions(Path source) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(source);
            return FilePermissions.fromPosixFilePermissions(permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> run(List<String> command, String libraryPath) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (libraryPath != null) {
            builder.environment().put("LD_LIBRARY_PATH", libraryPath);
        }
        Process process = builder.start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + String.join("\n", lines));
        }
        return lines;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private BaseImage() {
    }
}
