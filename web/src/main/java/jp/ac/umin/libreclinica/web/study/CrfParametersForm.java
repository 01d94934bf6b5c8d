package jp.ac.umin.libreclinica.web.study;

import java.util.ArrayList;
import java.util.List;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;

/** The parameters of a CRF in an event definition, at study level or as a site's override. */
public class CrfParametersForm {

  private Long crfId;
  private boolean required = true;
  private Long defaultVersionId;
  private boolean doubleDataEntry;
  private boolean electronicSignature;
  private boolean hideFromSites;
  private SdvRequirement sdvRequirement = SdvRequirement.NOT_REQUIRED;
  private List<Long> allowedVersionIds = new ArrayList<>();

  public static CrfParametersForm of(CrfParameters p) {
    CrfParametersForm f = new CrfParametersForm();
    f.required = p.isRequired();
    f.defaultVersionId = p.getDefaultVersionId();
    f.doubleDataEntry = p.isDoubleDataEntry();
    f.electronicSignature = p.isElectronicSignature();
    f.hideFromSites = p.isHideFromSites();
    f.sdvRequirement = p.getSdvRequirement();
    f.allowedVersionIds = new ArrayList<>(p.getAllowedVersionIds());
    return f;
  }

  public CrfParameters toParameters() {
    return new CrfParameters(
        required,
        defaultVersionId,
        doubleDataEntry,
        electronicSignature,
        hideFromSites,
        sdvRequirement == null ? SdvRequirement.NOT_REQUIRED : sdvRequirement,
        allowedVersionIds == null ? List.of() : allowedVersionIds);
  }

  public Long getCrfId() {
    return crfId;
  }

  public void setCrfId(Long crfId) {
    this.crfId = crfId;
  }

  public boolean isRequired() {
    return required;
  }

  public void setRequired(boolean required) {
    this.required = required;
  }

  public Long getDefaultVersionId() {
    return defaultVersionId;
  }

  public void setDefaultVersionId(Long defaultVersionId) {
    this.defaultVersionId = defaultVersionId;
  }

  public boolean isDoubleDataEntry() {
    return doubleDataEntry;
  }

  public void setDoubleDataEntry(boolean doubleDataEntry) {
    this.doubleDataEntry = doubleDataEntry;
  }

  public boolean isElectronicSignature() {
    return electronicSignature;
  }

  public void setElectronicSignature(boolean electronicSignature) {
    this.electronicSignature = electronicSignature;
  }

  public boolean isHideFromSites() {
    return hideFromSites;
  }

  public void setHideFromSites(boolean hideFromSites) {
    this.hideFromSites = hideFromSites;
  }

  public SdvRequirement getSdvRequirement() {
    return sdvRequirement;
  }

  public void setSdvRequirement(SdvRequirement sdvRequirement) {
    this.sdvRequirement = sdvRequirement;
  }

  public List<Long> getAllowedVersionIds() {
    return allowedVersionIds;
  }

  public void setAllowedVersionIds(List<Long> allowedVersionIds) {
    this.allowedVersionIds = allowedVersionIds;
  }
}
