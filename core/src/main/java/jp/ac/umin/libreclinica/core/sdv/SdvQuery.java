package jp.ac.umin.libreclinica.core.sdv;

import jp.ac.umin.libreclinica.core.event.SdvRequirement;

/**
 * Filters of the SDV page; null means "any".
 *
 * @param siteId the subject's site (within the study viewed)
 * @param subjectLabel the subject ID (exact, whatever its case)
 * @param eventDefinitionId the event definition
 * @param crfId the CRF
 * @param verified SDV done (true) or not yet (false)
 * @param requirement the SDV requirement that applies at the CRF's site
 */
public record SdvQuery(
    Long siteId, String subjectLabel, Long eventDefinitionId, Long crfId, Boolean verified, SdvRequirement requirement) {

  public static SdvQuery any() {
    return new SdvQuery(null, null, null, null, null, null);
  }
}
