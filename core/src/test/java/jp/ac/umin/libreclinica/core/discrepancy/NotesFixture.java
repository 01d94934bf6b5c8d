package jp.ac.umin.libreclinica.core.discrepancy;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;

import java.time.Instant;
import java.util.List;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionCrf;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectService;

/**
 * A running study with people for note tests: the data manager (study level), a CRC and a site
 * monitor at site A, a study monitor, the investigator at site B; a subject at each site with
 * a scheduled event and a started vital-signs CRF.
 */
public final class NotesFixture {

  public final RunningStudy r;
  public final String siteMonitorA;
  public final String studyMonitor;
  public final StudySubject subjectA;
  public final StudySubject subjectB;
  public final StudyEvent eventA;
  public final StudyEvent eventB;
  public final EventCrf crfA;
  public final EventCrf crfB;
  public final CrfUploadOutcome vitals;
  public final EventDefinitionCrf screeningVitals;

  public NotesFixture(
      StudyService studies,
      EventDefinitionService definitions,
      RoleAssignmentService roles,
      AccountFixtures accounts,
      SubjectService subjects,
      StudyEventService events,
      CrfService crfs,
      DataEntryService entry,
      java.util.function.Consumer<StudyParameters> parameters) {
    r = new SubjectFixtures(studies, definitions, roles, accounts).runningStudy(parameters);
    AccountFixtures.TestAccount mon = accounts.user();
    roles.assign(r.dataManager(), mon.id(), r.siteA().getId(), Role.SITE_MONITOR);
    siteMonitorA = mon.userName();
    AccountFixtures.TestAccount smon = accounts.user();
    roles.assign(r.dataManager(), smon.id(), r.study().getId(), Role.STUDY_MONITOR);
    studyMonitor = smon.userName();
    subjectA = subjects.add(r.siteA().getId(), aSubject(unique("N-A")), null, false, r.crcA());
    subjectB = subjects.add(r.siteB().getId(), aSubject(unique("N-B")), null, false, r.investigatorB());
    Instant start = Instant.parse("2026-04-07T00:30:00Z");
    eventA = events.schedule(subjectA.getId(), r.screening().getId(), new EventInput(start, null, "外来"), r.crcA());
    eventB = events.schedule(subjectB.getId(), r.screening().getId(), new EventInput(start, null, "外来"), r.investigatorB());
    vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    screeningVitals = definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, false, false, false, SdvRequirement.ALL, List.of()), r.dataManager());
    crfA = entry.startForEvent(r.crcA(), eventA.getId(), vitals.crfVersionId());
    crfB = entry.startForEvent(r.investigatorB(), eventB.getId(), vitals.crfVersionId());
  }
}
