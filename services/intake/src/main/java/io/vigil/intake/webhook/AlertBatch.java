package io.vigil.intake.webhook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Up to 1,000 alerts from one appliance in one request. */
public record AlertBatch(@NotNull @Size(min = 1, max = 1000) List<@NotNull AlertRequest> alerts) {
}
