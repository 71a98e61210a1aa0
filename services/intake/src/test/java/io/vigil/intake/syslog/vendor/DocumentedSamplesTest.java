package io.vigil.intake.syslog.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.syslog.SyslogParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sample lines of the appliance integration guide are read as the guide says they are. */
class DocumentedSamplesTest {

    private static final Map<String, String> VENDOR_OF_BULLET = Map.of(
            "FortiGate", "fortigate", "Sophos Firewall (SFOS/XG)", "sophos", "Any CEF source", "cef");
    private static final Pattern BULLET = Pattern.compile("^- \\*\\*(.+?)\\*\\*(.*?)(?=^- |^#|\\z)",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");

    @Test
    void everyDocumentedSyslogSampleRaisesAnAlert() throws IOException {
        Path guide = Path.of(System.getProperty("vigil.build.root", "../.."), "docs", "integration", "appliances.md");
        String text = Files.readString(guide);
        Map<String, String> samples = new LinkedHashMap<>();
        Matcher matcher = BULLET.matcher(text);
        while (matcher.find()) {
            String vendor = VENDOR_OF_BULLET.get(matcher.group(1));
            if (vendor == null) {
                continue;
            }
            // The sample is the longest code span of the bullet.
            Matcher code = CODE.matcher(matcher.group(2));
            String longest = "";
            while (code.find()) {
                longest = code.group(1).length() > longest.length() ? code.group(1) : longest;
            }
            samples.put(vendor, longest);
        }
        assertThat(samples).containsOnlyKeys("fortigate", "sophos", "cef");
        SyslogParser headers = new SyslogParser(Clock.systemUTC(), VendorParsers.DEFAULT_ZONE);
        samples.forEach((vendor, line) -> assertThat(VendorParsers.forVendor(vendor).orElseThrow()
                .parse(headers.parse(line))).as(vendor + ": " + line).isInstanceOf(ParseOutcome.Alert.class));
    }
}
