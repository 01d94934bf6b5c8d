package jp.ac.umin.libreclinica.core.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a data manager fills in for an event definition. */
public record EventDefinitionDetails(
    @NotBlank @Size(max = 255) String name,
    @Size(max = 4000) String description,
    boolean repeating,
    @NotNull EventType type,
    @Size(max = 255) String category) {}
