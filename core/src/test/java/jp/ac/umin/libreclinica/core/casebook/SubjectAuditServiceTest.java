package jp.ac.umin.libreclinica.core.casebook;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.audit.AuditVerification;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrf;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.Sex;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectInput;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class SubjectAuditServiceTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private SubjectAuditService subjectAudit;
  @Autowired private AuditService audit;

  private RunningStudy r;
  private StudySubject subject;
  private StudyEvent screening;
  private EventCrf form;

  @Before
  public void aSubjectWithDataEnteredTwice() {
    r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
    CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), r.dataManager());
    subject = subjects.add(r.siteA().getId(), aSubject("AU-1"), null, false, r.crcA());
    screening = events.schedule(subject.getId(), r.screening().getId(),
        new EventInput(Instant.parse("2026-04-07T00:30:00Z"), null, "外来"), r.crcA());
    form = entry.startForEvent(r.crcA(), screening.getId(), vitals.crfVersionId());
    save(Map.of("HEIGHT", "170", "WEIGHT", "60"), null);
    save(Map.of("HEIGHT", "171"), null);
  }

  private void save(Map<String, String> values, String reason) {
    Map<ItemKey, String> typed = new HashMap<>();
    values.forEach((k, v) -> typed.put(ItemKey.of(k), v));
    Map<ItemKey, Long> seen = new HashMap<>();
    entry.values(r.crcA(), form.getId()).forEach((k, d) -> seen.put(k, d.getVersion()));
    assertTrue(entry.save(r.crcA(), form.getId(), typed, seen, reason).saved());
  }

  @Test
  public void theSubjectsLogGroupsSubjectEventAndItemChangesByEventAndCrf() {
    subjects.update(subject.getId(), subject.getVersion(),
        new SubjectInput("AU-1", "2nd-変更", subject.getEnrollmentDate(), Sex.FEMALE, "1970-05-06", null, Map.of()),
        false, r.crcA());
    SubjectAuditLog log = subjectAudit.log(r.crcA(), subject.getId());
    assertEquals(List.of("subject.create", "subject.update"),
        log.subjectLines().stream().map(l -> l.record().action()).toList());
    assertEquals(1, log.events().size());
    SubjectAuditLog.EventSection event = log.events().get(0);
    assertEquals(screening.getId().longValue(), event.studyEventId());
    assertEquals("Screening", event.eventName());
    assertTrue(event.lines().stream().anyMatch(l -> l.record().action().equals("event.schedule")));
    assertEquals(1, event.crfs().size());
    SubjectAuditLog.CrfSection crf = event.crfs().get(0);
    assertEquals("v1", crf.crfVersion());
    assertEquals("eventcrf.start", crf.lines().get(0).record().action());
    List<SubjectAuditLog.Line> height =
        crf.lines().stream().filter(l -> "HEIGHT".equals(l.itemName())).toList();
    assertEquals(2, height.size());
    assertEquals("", height.get(0).record().oldValue());
    assertEquals("170", height.get(0).record().newValue());
    assertEquals("170", height.get(1).record().oldValue());
    assertEquals("171", height.get(1).record().newValue());
    assertEquals(r.crcA(), height.get(1).record().actor());
    assertEquals("v1", height.get(1).crfVersion());
    assertEquals(Integer.valueOf(1), height.get(1).itemOrdinal());
  }

  @Test
  public void anItemsHistoryIsPagedNewestFirst() {
    save(Map.of("HEIGHT", "172"), null);
    ItemHistory first = subjectAudit.itemHistory(r.crcA(), form.getId(), "HEIGHT", PageRequest.of(0, 2));
    assertEquals(3, first.changes().getTotalElements());
    assertEquals(List.of("172", "171"),
        first.changes().getContent().stream().map(l -> l.record().newValue()).toList());
    ItemHistory second = subjectAudit.itemHistory(r.crcA(), form.getId(), "HEIGHT", PageRequest.of(1, 2));
    assertEquals(List.of("170"), second.changes().getContent().stream().map(l -> l.record().newValue()).toList());
    assertEquals("WEIGHT has its own history", 1,
        subjectAudit.itemHistory(r.crcA(), form.getId(), "WEIGHT", PageRequest.of(0, 10)).changes().getTotalElements());
  }

  @Test
  public void usersWhoMayNotViewTheSubjectSeeNeitherView() {
    assertThrows(PermissionDeniedException.class, () -> subjectAudit.log(r.investigatorB(), subject.getId()));
    assertThrows(PermissionDeniedException.class,
        () -> subjectAudit.itemHistory(r.investigatorB(), form.getId(), "HEIGHT", PageRequest.of(0, 10)));
  }

  @Test
  public void anItemOfAnotherCrfHasNoHistoryHere() {
    DataEntryException e = assertThrows(DataEntryException.class,
        () -> subjectAudit.itemHistory(r.crcA(), form.getId(), "NOT_AN_ITEM", PageRequest.of(0, 10)));
    assertEquals("dataentry.item.unknown", e.messageKey());
  }

  @Test
  public void theContextIndexLeavesTheChainIntact() {
    AuditVerification v = audit.verifyChain();
    assertTrue(v.toString(), v.intact());
    Integer contexts = jdbc.queryForObject(
        "SELECT count(*) FROM audit_log_context WHERE study_subject_id = ?", Integer.class, subject.getId());
    assertEquals("subject.create, event.schedule, event.status, eventcrf.start, 3 item values,"
        + " and BMI computed after each of the 2 saves", Integer.valueOf(9), contexts);
    assertThrows(Exception.class,
        () -> jdbc.update("UPDATE audit_log_context SET study_subject_id = 0 WHERE study_subject_id = ?", subject.getId()));
  }
}
