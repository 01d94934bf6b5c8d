package jp.ac.umin.libreclinica.core.crf;

import java.time.Instant;

/** A CRF in a list: name, OID, when and by whom created, how many versions (and available). */
public record CrfSummary(
    Long id,
    String name,
    String oid,
    Instant createdAt,
    String createdBy,
    long versionCount,
    long availableVersionCount) {}
