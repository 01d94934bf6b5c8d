package jp.ac.umin.libreclinica.ws.api.study;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * A new study as JSON. Checked with the same rules as the page (the fields of {@code
 * StudyDetails}); phase and protocol type are names of their enums.
 */
@Schema(name = "NewStudy")
public record NewStudyRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255) String name,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64, example = "R01")
        String protocolId,
    String secondaryIds,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String principalInvestigator,
    String sponsor,
    String collaborators,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "PHASE_II",
        allowableValues = {"NOT_APPLICABLE", "PHASE_0", "PHASE_I", "PHASE_I_II", "PHASE_II",
            "PHASE_II_III", "PHASE_III", "PHASE_IIIA", "PHASE_IIIB", "PHASE_IV"})
        String phase,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "INTERVENTIONAL",
        allowableValues = {"INTERVENTIONAL", "OBSERVATIONAL"})
        String protocolType,
    String purpose,
    String description,
    LocalDate startDate,
    LocalDate estimatedCompletionDate,
    LocalDate protocolVerificationDate,
    Integer expectedEnrollment,
    String facilityName,
    String facilityCity,
    String facilityState,
    String facilityZip,
    String facilityCountry,
    String contactName,
    String contactEmail,
    String contactPhone) {}
