package jp.ac.umin.libreclinica.ws.api.subject;

import io.swagger.v3.oas.annotations.media.Schema;

/** A subject to enroll; dates as ISO 8601 or as a Japanese user would type them. */
@Schema(name = "NewSubject")
public record NewSubjectRequest(
    @Schema(description = "Subject ID; leave out when the study generates IDs", example = "TKY-001")
        String label,
    String secondaryLabel,
    @Schema(example = "2026-04-01") String enrollmentDate,
    @Schema(allowableValues = {"m", "f"}) String sex,
    @Schema(description = "Full date or year, as the study asks", example = "1970-05-06")
        String dateOfBirth,
    String personId,
    @Schema(description = "The site to enroll at (OID); leave out for the study or site of the path")
        String siteOid,
    @Schema(description = "A unique value per intended subject: a repeated request creates nothing")
        String requestToken,
    @Schema(description = "Enroll even though the person ID is used by another subject")
        Boolean confirmDuplicatePersonId) {}
