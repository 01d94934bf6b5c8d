package jp.ac.umin.libreclinica.core.account;

import java.util.Optional;

/**
 * Tells the authorisation checks which study a site belongs to. The study feature provides the
 * implementation; until then every id is a study of its own, so a site-level role grants
 * nothing beyond its own site id.
 */
public interface StudyHierarchy {

  /** A hierarchy in which nothing is a site. */
  StudyHierarchy FLAT = studyId -> Optional.empty();

  /** The parent study of a site, or empty when {@code studyId} is a (parent) study. */
  Optional<Long> parentStudyOf(long studyId);

  /**
   * Whether the study or site, or the parent study of the site, is removed: nobody may be given
   * a role there, and site-level roles held there grant nothing (upstream defect OC-2165).
   */
  default boolean isRemoved(long studyId) {
    return false;
  }
}
