package jp.ac.umin.libreclinica.core.subject;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;

import java.time.LocalDate;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;

/**
 * A running study for subject tests, built through the services as a data manager would: two
 * sites (A, B), three event definitions (scheduled, repeating unscheduled, common), status
 * available, and real accounts with roles (a data manager, a CRC at site A, an investigator at
 * site B). Names are unique: the test database is shared.
 */
public final class SubjectFixtures {

  private final StudyService studies;
  private final EventDefinitionService definitions;
  private final RoleAssignmentService roles;
  private final AccountFixtures accounts;

  public SubjectFixtures(
      StudyService studies,
      EventDefinitionService definitions,
      RoleAssignmentService roles,
      AccountFixtures accounts) {
    this.studies = studies;
    this.definitions = definitions;
    this.roles = roles;
    this.accounts = accounts;
  }

  /** A study ready for subjects, with its people. */
  public record RunningStudy(
      Study study,
      Study siteA,
      Study siteB,
      StudyEventDefinition screening,
      StudyEventDefinition visit,
      StudyEventDefinition adverseEvent,
      String dataManager,
      String crcA,
      String investigatorB) {}

  public RunningStudy runningStudy() {
    return runningStudy(p -> {});
  }

  /** As {@link #runningStudy()}, with the parameters changed before the study opens. */
  public RunningStudy runningStudy(java.util.function.Consumer<StudyParameters> parameters) {
    String dm = accounts.businessAdmin().userName();
    Study study = studies.createStudy(aStudy(unique("SUBJ"), "被験者試験"), dm);
    StudyParameters p = study.getParameters().copy();
    parameters.accept(p);
    study = studies.updateParameters(study.getId(), study.getVersion(), p, dm);
    Study a = studies.createSite(study.getId(), aStudy(unique("SITE-A"), "東京施設"), dm);
    Study b = studies.createSite(study.getId(), aStudy(unique("SITE-B"), "大阪施設"), dm);
    StudyEventDefinition screening =
        definitions.create(study.getId(), new EventDefinitionDetails("Screening", null, false, EventType.SCHEDULED, null), dm);
    StudyEventDefinition visit =
        definitions.create(study.getId(), new EventDefinitionDetails("Visit", null, true, EventType.UNSCHEDULED, null), dm);
    StudyEventDefinition ae =
        definitions.create(study.getId(), new EventDefinitionDetails("有害事象", null, true, EventType.COMMON, null), dm);
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    AccountFixtures.TestAccount crc = accounts.user();
    roles.assign(dm, crc.id(), a.getId(), Role.CLINICAL_RESEARCH_COORDINATOR);
    AccountFixtures.TestAccount inv = accounts.user();
    roles.assign(dm, inv.id(), b.getId(), Role.INVESTIGATOR);
    return new RunningStudy(
        studies.get(study.getId()), studies.get(a.getId()), studies.get(b.getId()), screening, visit, ae,
        dm, crc.userName(), inv.userName());
  }

  /** Input for a subject with every field filled in (full date of birth). */
  public static SubjectInput aSubject(String label) {
    return new SubjectInput(
        label, "2nd-" + label, LocalDate.of(2026, 4, 1), Sex.FEMALE, "1970-05-06", null, Map.of());
  }
}
