package jp.ac.umin.libreclinica.core.event;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a CRF is used in an event definition: required, default version, double data entry,
 * electronic signature on completion, hidden at sites, SDV requirement, the versions a site may
 * use. A site may override every one of them.
 */
@Embeddable
public class CrfParameters {

  @Column(nullable = false)
  private boolean required = true;

  @Column(name = "default_version_id")
  private Long defaultVersionId;

  @Column(name = "double_data_entry", nullable = false)
  private boolean doubleDataEntry;

  @Column(name = "electronic_signature", nullable = false)
  private boolean electronicSignature;

  @Column(name = "hide_from_sites", nullable = false)
  private boolean hideFromSites;

  @Enumerated(EnumType.STRING)
  @Column(name = "sdv_requirement", nullable = false, length = 20)
  private SdvRequirement sdvRequirement = SdvRequirement.NOT_REQUIRED;

  /** Comma-separated CRF version ids; empty means every version. */
  @Column(name = "allowed_version_ids", length = 1000)
  private String allowedVersionIds;

  public CrfParameters() {}

  public CrfParameters(
      boolean required,
      Long defaultVersionId,
      boolean doubleDataEntry,
      boolean electronicSignature,
      boolean hideFromSites,
      SdvRequirement sdvRequirement,
      List<Long> allowedVersionIds) {
    this.required = required;
    this.defaultVersionId = defaultVersionId;
    this.doubleDataEntry = doubleDataEntry;
    this.electronicSignature = electronicSignature;
    this.hideFromSites = hideFromSites;
    this.sdvRequirement = Objects.requireNonNull(sdvRequirement);
    setAllowedVersionIds(allowedVersionIds);
  }

  public CrfParameters copy() {
    return new CrfParameters(
        required, defaultVersionId, doubleDataEntry, electronicSignature, hideFromSites,
        sdvRequirement, getAllowedVersionIds());
  }

  public boolean isRequired() {
    return required;
  }

  public Long getDefaultVersionId() {
    return defaultVersionId;
  }

  public boolean isDoubleDataEntry() {
    return doubleDataEntry;
  }

  public boolean isElectronicSignature() {
    return electronicSignature;
  }

  public boolean isHideFromSites() {
    return hideFromSites;
  }

  public SdvRequirement getSdvRequirement() {
    return sdvRequirement;
  }

  public List<Long> getAllowedVersionIds() {
    if (allowedVersionIds == null || allowedVersionIds.isBlank()) {
      return List.of();
    }
    return Arrays.stream(allowedVersionIds.split(",")).map(Long::valueOf).toList();
  }

  private void setAllowedVersionIds(List<Long> ids) {
    this.allowedVersionIds =
        ids == null || ids.isEmpty()
            ? null
            : ids.stream().distinct().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** For the audit trail. */
  public String describe() {
    return "required=" + required
        + ", defaultVersionId=" + defaultVersionId
        + ", doubleDataEntry=" + doubleDataEntry
        + ", electronicSignature=" + electronicSignature
        + ", hideFromSites=" + hideFromSites
        + ", sdvRequirement=" + sdvRequirement
        + ", allowedVersionIds=" + getAllowedVersionIds();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CrfParameters p && describe().equals(p.describe());
  }

  @Override
  public int hashCode() {
    return describe().hashCode();
  }
}
