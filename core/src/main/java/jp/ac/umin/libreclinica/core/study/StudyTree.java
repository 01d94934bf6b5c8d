package jp.ac.umin.libreclinica.core.study;

import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.StudyHierarchy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the authorisation checks which study a site belongs to, and whether it is removed. */
@Component
public class StudyTree implements StudyHierarchy {

  private final StudyRepository studies;

  public StudyTree(StudyRepository studies) {
    this.studies = studies;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Long> parentStudyOf(long studyId) {
    return studies.parentIdOf(studyId);
  }

  @Override
  @Transactional(readOnly = true)
  public boolean isRemoved(long studyId) {
    return studies
        .findWithParent(studyId)
        .map(s -> s.getStatus().isRemoved() || (s.isSite() && s.getParent().getStatus().isRemoved()))
        .orElse(false);
  }
}
