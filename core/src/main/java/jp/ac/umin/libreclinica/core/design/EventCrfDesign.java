package jp.ac.umin.libreclinica.core.design;

import java.util.List;
import java.util.Objects;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.DesignStatus;

/**
 * A CRF attached to an event definition: the parameters that apply (a site's own, if it has
 * them) and the versions that may be used (available ones, restricted to the allowed versions
 * when the parameters name some), oldest first.
 */
public record EventCrfDesign(
    long eventDefinitionCrfId,
    long crfId,
    String crfName,
    String crfOid,
    DesignStatus status,
    CrfParameters parameters,
    List<CrfVersionDetail> versions) {

  public EventCrfDesign {
    versions = List.copyOf(versions);
  }

  public boolean available() {
    return !status.isRemoved();
  }

  /**
   * Whether {@code versionId} is the default version: the one named in the parameters, or the
   * first usable version when none is named (or the named one is not usable).
   */
  public boolean isDefault(long versionId) {
    Long named = parameters.getDefaultVersionId();
    boolean namedUsable =
        named != null && versions.stream().anyMatch(v -> v.version().id().equals(named));
    if (namedUsable) {
      return Objects.equals(named, versionId);
    }
    return !versions.isEmpty() && versions.get(0).version().id() == versionId;
  }
}
