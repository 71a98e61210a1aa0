package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testing.VigilStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container image each service's build wrote (a docker-save tarball, built without Docker): it
 * runs the service as a non-root user from its own Java runtime, with the labels an operator reads.
 */
class ContainerImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"intake", "triage", "notification", "reporting"})
    void theServicesImageRunsItAsANonRootUserFromItsOwnJavaRuntime(String service) throws IOException {
        Path image = VigilStack.buildRoot().resolve("services/" + service + "/target/vigil-" + service + "-image.tar");
        assertThat(image).as("the image the build wrote").isRegularFile();
        Map<String, byte[]> archive = entries(Files.newInputStream(image), name -> true);

        JsonNode manifest = JSON.readTree(archive.get("manifest.json")).get(0);
        assertThat(manifest.get("RepoTags").get(0).asText()).startsWith("vigil/" + service + ":");
        JsonNode config = JSON.readTree(archive.get(manifest.get("Config").asText())).get("config");
        assertThat(config.get("User").asText()).isEqualTo("185");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/home/jboss");
        assertThat(config.get("Entrypoint").toString()).contains("\"java\"", "quarkus-run.jar");
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("vigil-" + service);
        String javaHome = config.get("Env").toString().replaceAll(".*\"JAVA_HOME=([^\"]+)\".*", "$1");

        // What the layers hold, together: the application, the runtime, and the non-root user.
        Map<String, byte[]> files = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            files.putAll(entries(new GZIPInputStream(new java.io.ByteArrayInputStream(archive.get(layer.asText()))),
                    name -> name.equals("etc/passwd") || name.equals("home/jboss/quarkus-run.jar")
                            || name.equals(javaHome.substring(1) + "/bin/java")));
        }
        assertThat(files).containsKeys("home/jboss/quarkus-run.jar", javaHome.substring(1) + "/bin/java", "etc/passwd");
        assertThat(new String(files.get("etc/passwd"), StandardCharsets.UTF_8)).contains(":185:");
        assertThat(new String(files.get("etc/passwd"), StandardCharsets.UTF_8)).doesNotContain("vigil:x:0:");
    }

    /** The entries of a tar stream whose names {@code wanted} accepts, read whole. */
    private static Map<String, byte[]> entries(InputStream tar, java.util.function.Predicate<String> wanted)
            throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (tar) {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                name = name.startsWith("./") ? name.substring(2) : name.startsWith("/") ? name.substring(1) : name;
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                if (wanted.test(name) && header[156] != '5') {
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    content.write(tar.readNBytes((int) size));
                    tar.skipNBytes(padded - size);
                    entries.put(name, content.toByteArray());
                } else {
                    tar.skipNBytes(padded);
                }
            }
        }
        return entries;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
