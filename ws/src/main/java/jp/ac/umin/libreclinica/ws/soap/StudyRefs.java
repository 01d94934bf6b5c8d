package jp.ac.umin.libreclinica.ws.soap;

import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Resolves a {@code studyRef}: the study by unique identifier (protocol ID) or OID, and the
 * optional {@code siteRef} to one of its sites, as far as the caller may see them.
 */
@Component
public class StudyRefs {

  private static final String B = SoapService.BEANS_NS;

  private final StudyService studies;

  public StudyRefs(StudyService studies) {
    this.studies = studies;
  }

  /** The study, or the site when the reference names one. */
  public Study resolve(String actor, Element studyRef) {
    String identifier = Xml.text(studyRef, B, "identifier");
    String site =
        Xml.child(studyRef, B, "siteRef").map(s -> Xml.text(s, B, "identifier")).orElse(null);
    if (site == null) {
      return studies.viewByIdentifier(actor, identifier);
    }
    // A site user may not see the parent study itself: the site is checked, and its parent
    // must be the study named.
    Study found = studies.viewByIdentifier(actor, site);
    Study parent = found.getParent();
    if (!found.isSite()
        || !(parent.getProtocolId().equalsIgnoreCase(identifier) || parent.getOid().equalsIgnoreCase(identifier))) {
      throw new StudyException("soap.site.notOfStudy", site, identifier);
    }
    return found;
  }

  /** Writes a {@code studyRef} of a study or site. */
  public static void write(Element parent, String name, String ns, Study where) {
    Element ref = Xml.add(parent, ns, name);
    Study study = where.isSite() ? where.getParent() : where;
    Xml.add(ref, B, "identifier", study.getProtocolId());
    if (where.isSite()) {
      Xml.add(Xml.add(ref, B, "siteRef"), B, "identifier", where.getProtocolId());
    }
  }
}
