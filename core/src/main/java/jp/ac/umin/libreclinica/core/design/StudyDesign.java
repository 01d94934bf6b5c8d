package jp.ac.umin.libreclinica.core.design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.crf.CrfVersionDetail;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;

/**
 * The design of a study, or of a site (then {@link #study()} is the site, {@link #events()} are
 * its parent's with the site's CRF parameters, and {@link #sites()} is empty).
 */
public record StudyDesign(
    Study study,
    StudyDetails details,
    StudyParameters parameters,
    List<Study> sites,
    List<EventDesign> events,
    List<SubjectGroupClass> groupClasses) {

  public StudyDesign {
    sites = List.copyOf(sites);
    events = List.copyOf(events);
    groupClasses = List.copyOf(groupClasses);
  }

  /** Every CRF version used by an available event, each once, in the order events use them. */
  public List<CrfVersionDetail> usedVersions() {
    Map<Long, CrfVersionDetail> byId = new LinkedHashMap<>();
    for (EventDesign e : events) {
      if (e.available()) {
        for (EventCrfDesign c : e.crfs()) {
          if (c.available()) {
            c.versions().forEach(v -> byId.putIfAbsent(v.version().id(), v));
          }
        }
      }
    }
    return List.copyOf(byId.values());
  }
}
