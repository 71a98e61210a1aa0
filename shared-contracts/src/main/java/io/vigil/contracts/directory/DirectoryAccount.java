package io.vigil.contracts.directory;

import io.vigil.contracts.envelope.OptionalField;

/**
 * A user name or device a person has on a school's filtering or monitoring appliances, so that an
 * alert naming it can be resolved to the person. At least one of {@code username} and
 * {@code deviceId} is present.
 *
 * @param applianceId the appliance that knows the account; absent means any appliance of the school
 * @param username the user name the appliance reports (matched case-insensitively), if any
 * @param deviceId the device id the appliance reports (matched exactly), if any
 */
public record DirectoryAccount(
        @OptionalField String applianceId,
        @OptionalField String username,
        @OptionalField String deviceId) {
}
