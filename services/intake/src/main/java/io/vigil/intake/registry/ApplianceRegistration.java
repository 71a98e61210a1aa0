package io.vigil.intake.registry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A trust administrator's request to register an appliance for a school.
 *
 * @param schoolId the school the appliance filters or monitors for
 * @param vendor the product family, which decides how its alerts are read
 * @param kind {@code filtering} or {@code monitoring}
 * @param name how the school calls it, e.g. "Main site web filter"
 * @param expectedHeartbeatMinutes how long it may stay silent in school hours before that is itself a concern
 */
public record ApplianceRegistration(
        @NotBlank @Size(max = 64) String schoolId,
        @NotBlank @Pattern(regexp = "smoothwall|fortigate|sophos|e2guardian|cef|senso|securus|other",
                message = "must be one of smoothwall, fortigate, sophos, e2guardian, cef, senso, securus, other") String vendor,
        @NotBlank @Pattern(regexp = "filtering|monitoring", message = "must be 'filtering' or 'monitoring'") String kind,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Min(1) @Max(10080) Integer expectedHeartbeatMinutes) {
}
