package jp.ac.umin.libreclinica.core.study;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * What a data manager fills in for a study or site: the descriptive fields (not the parameters,
 * nor the status). Used to create and to edit.
 */
public record StudyDetails(
    @NotBlank @Size(max = 255) String name,
    @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} _.\\-/()]*", message = "{study.protocolId.pattern}")
        String protocolId,
    @Size(max = 255) String secondaryIds,
    @NotBlank @Size(max = 255) String principalInvestigator,
    @Size(max = 255) String sponsor,
    @Size(max = 1000) String collaborators,
    @NotNull StudyPhase phase,
    @NotNull ProtocolType protocolType,
    @Size(max = 255) String purpose,
    @Size(max = 4000) String description,
    LocalDate startDate,
    LocalDate estimatedCompletionDate,
    LocalDate protocolVerificationDate,
    @Min(0) int expectedEnrollment,
    @Size(max = 255) String facilityName,
    @Size(max = 255) String facilityCity,
    @Size(max = 255) String facilityState,
    @Size(max = 64) String facilityZip,
    @Size(max = 64) String facilityCountry,
    @Size(max = 255) String contactName,
    @Email @Size(max = 255) String contactEmail,
    @Size(max = 64) String contactPhone) {}
