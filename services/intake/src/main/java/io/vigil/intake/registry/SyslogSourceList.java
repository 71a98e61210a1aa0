package io.vigil.intake.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The addresses or CIDR blocks (e.g. {@code 10.20.0.1}, {@code 10.20.0.0/24}) an appliance sends syslog from. */
public record SyslogSourceList(@NotNull @Size(max = 50) List<@NotBlank @Size(max = 50) String> sources) {
}
