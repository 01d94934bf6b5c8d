package jp.ac.umin.libreclinica.core.design;

import java.util.List;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;

/** An event definition with its CRFs, in their order. */
public record EventDesign(StudyEventDefinition definition, List<EventCrfDesign> crfs) {

  public EventDesign {
    crfs = List.copyOf(crfs);
  }

  public boolean available() {
    return !definition.getStatus().isRemoved();
  }

  /** The available CRFs that have at least one usable version. */
  public List<EventCrfDesign> usableCrfs() {
    return crfs.stream().filter(c -> c.available() && !c.versions().isEmpty()).toList();
  }
}
