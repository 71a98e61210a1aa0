package io.vigil.intake.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The addresses or CIDR blocks (e.g. {@code 10.20.0.1}, {@code 10.20.0.0/24}) an appliance sends
 * syslog from, and optionally the subject of the client certificate it must present over syslog-TLS
 * (then nothing from it is read over plain TCP or UDP).
 */
public record SyslogSourceList(@NotNull @Size(max = 50) List<@NotBlank @Size(max = 50) String> sources,
        @Size(max = 500) String tlsSubject) {

    public SyslogSourceList(List<String> sources) {
        this(sources, null);
    }
}
