package jp.ac.umin.libreclinica.core.subject;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.input.PartialDate;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.GroupClassType;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
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
public class SubjectServiceTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private GroupClassService groupClasses;
  @Autowired private SubjectService subjects;
  @Autowired private StudySubjectRepository repository;
  @Autowired private AuditService audit;

  private SubjectFixtures fixtures;

  @Before
  public void setUp() {
    fixtures =
        new SubjectFixtures(
            studies, definitions, roles, new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc));
  }

  private long countWithLabel(long parentStudyId, String label) {
    return jdbc.queryForObject(
        "select count(*) from study_subject where parent_study_id = ? and lower(label) = lower(?)",
        Long.class, parentStudyId, label);
  }

  private List<AuditRecord> auditOf(StudySubject s) {
    return audit.search(new AuditQuery(null, null, "StudySubject", String.valueOf(s.getId())), PageRequest.of(0, 50)).getContent();
  }

  @Test
  public void aCrcAddsASubjectAtTheirSiteWithOidPersonDataAndAudit() {
    RunningStudy r = fixtures.runningStudy();
    StudySubject s = subjects.add(r.siteA().getId(), aSubject(" TK-001 "), null, false, r.crcA());
    assertEquals("TK-001", s.getLabel());
    assertEquals("SS_TK001", s.getOid());
    assertEquals(r.siteA().getId().longValue(), s.getStudyId());
    assertEquals(r.study().getId().longValue(), s.getParentStudyId());
    StudySubject loaded = subjects.get(s.getId());
    assertEquals(LocalDate.of(1970, 5, 6), loaded.getSubject().getDateOfBirth());
    assertEquals(Sex.FEMALE, loaded.getSubject().getSex());
    List<AuditRecord> trail = auditOf(s);
    assertEquals("subject.create", trail.get(0).action());
    assertEquals(r.crcA(), trail.get(0).actor());
    assertTrue(trail.get(0).newValue().contains("label=TK-001"));
  }

  @Test
  public void aSiteUserCannotAddOrSeeSubjectsAtAnotherSite() {
    RunningStudy r = fixtures.runningStudy();
    assertThrows(PermissionDeniedException.class,
        () -> subjects.add(r.siteB().getId(), aSubject("X-1"), null, false, r.crcA()));
    StudySubject atB = subjects.add(r.siteB().getId(), aSubject("B-1"), null, false, r.investigatorB());
    assertThrows(PermissionDeniedException.class, () -> subjects.view(r.crcA(), atB.getId()));
    assertThrows(PermissionDeniedException.class,
        () -> subjects.remove(atB.getId(), "wrong", r.crcA()));
    assertEquals(0, countWithLabel(r.study().getId(), "X-1"));
  }

  @Test
  public void subjectsAreAddedOnlyWhileTheStudyAllowsEnrollment() {
    RunningStudy r = fixtures.runningStudy();
    studies.changeStatus(r.study().getId(), StudyStatus.FROZEN, "interim", r.dataManager());
    StudyException e = assertThrows(StudyException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("F-1"), null, false, r.crcA()));
    assertEquals("study.status.frozenRefused", e.messageKey());
    assertEquals(0, countWithLabel(r.study().getId(), "F-1"));
  }

  @Test
  public void labelsAreUniqueInTheStudyWhateverTheCaseAndTheSite() {
    RunningStudy r = fixtures.runningStudy();
    subjects.add(r.siteA().getId(), aSubject("abc-1"), null, false, r.crcA());
    SubjectException e = assertThrows(SubjectException.class,
        () -> subjects.add(r.siteB().getId(), aSubject("ABC-1"), null, false, r.investigatorB()));
    assertEquals("subject.label.duplicate", e.messageKey());
    assertEquals("label", e.field());
  }

  /** Upstream OC-7271 (#20): markup in subject fields was stored and rendered (stored XSS). */
  @Test
  public void oc637_subjectFieldsRejectMarkup() {
    RunningStudy r = fixtures.runningStudy();
    String hostile = "<script>alert(1)</script>";
    SubjectInput ok = aSubject("M-1");
    for (String field : List.of("label", "secondaryLabel", "personId")) {
      SubjectInput in =
          new SubjectInput(
              field.equals("label") ? hostile : "M-1",
              field.equals("secondaryLabel") ? hostile : ok.secondaryLabel(),
              ok.enrollmentDate(), ok.sex(), ok.dateOfBirth(),
              field.equals("personId") ? hostile : null, Map.of());
      SubjectException e = assertThrows(SubjectException.class,
          () -> subjects.add(r.siteA().getId(), in, null, false, r.crcA()));
      assertEquals(field, e.field());
      assertEquals("subject.field.markup", e.messageKey());
    }
    StudySubject s = subjects.add(r.siteA().getId(), ok, null, false, r.crcA());
    SubjectException onUpdate = assertThrows(SubjectException.class,
        () -> subjects.update(s.getId(), s.getVersion(),
            new SubjectInput("M-1", "a>b", ok.enrollmentDate(), ok.sex(), ok.dateOfBirth(), null, Map.of()),
            false, r.crcA()));
    assertEquals("secondaryLabel", onUpdate.field());
    assertEquals(1, countWithLabel(r.study().getId(), "M-1"));
    assertEquals("2nd-M-1", subjects.get(s.getId()).getSecondaryLabel());
  }

  @Test
  public void overLongAndControlCharacterIdsAreRefused() {
    RunningStudy r = fixtures.runningStudy();
    SubjectException tooLong = assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("L".repeat(31)), null, false, r.crcA()));
    assertEquals("subject.field.tooLong", tooLong.messageKey());
    SubjectException control = assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("A\tB"), null, false, r.crcA()));
    assertEquals("subject.field.control", control.messageKey());
    // 30 characters outside the BMP are 30 characters, not 60
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("𠮷".repeat(30)).withSecondary(null), null, false, r.crcA());
    assertEquals(30, s.getLabel().codePointCount(0, s.getLabel().length()));
    assertTrue(s.getOid(), s.getOid().startsWith("SS_"));
  }

  /** Upstream OC-13471 (#33): a double click on "Add" created two subjects. */
  @Test
  public void oc3380_concurrentAddCreatesOneSubject() throws Exception {
    RunningStudy r = fixtures.runningStudy();
    for (String token : new String[] {null, UUID.randomUUID().toString()}) {
      String label = "DBL-" + (token == null ? "label" : "token");
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        outcomes.add(pool.submit(() -> {
          start.await();
          try {
            subjects.add(r.siteA().getId(), aSubject(label), token, false, r.crcA());
            return "created";
          } catch (SubjectException e) {
            return e.messageKey();
          }
        }));
      }
      start.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : outcomes) {
        results.add(f.get());
      }
      pool.shutdown();
      assertEquals(results.toString(), 1, results.stream().filter("created"::equals).count());
      assertTrue(results.toString(),
          results.contains(token == null ? "subject.label.duplicate" : "subject.add.duplicateSubmission"));
      assertEquals(1, countWithLabel(r.study().getId(), label));
    }
  }

  @Test
  public void aResentFormWithTheSameTokenCreatesNothingEvenWithAutomaticIds() {
    RunningStudy r = fixtures.runningStudy(p -> p.setSubjectIdGeneration(StudyParameters.SubjectIdGeneration.AUTO_EDITABLE));
    String token = UUID.randomUUID().toString();
    StudySubject first = subjects.add(r.siteA().getId(), aSubject(null), token, false, r.crcA());
    SubjectException again = assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject(null), token, false, r.crcA()));
    assertEquals("subject.add.duplicateSubmission", again.messageKey());
    assertEquals(1L, (long) jdbc.queryForObject(
        "select count(*) from study_subject where parent_study_id = ?", Long.class, r.study().getId()));
    assertEquals("0001", first.getLabel());
  }

  @Test
  public void automaticIdsUseThePrefixAndARunningNumberPerStudy() {
    RunningStudy r = fixtures.runningStudy(p -> {
      p.setSubjectIdGeneration(StudyParameters.SubjectIdGeneration.AUTO_EDITABLE);
      p.setSubjectIdPrefix("TKY-");
    });
    assertEquals("TKY-0001", subjects.add(r.siteA().getId(), aSubject(""), null, false, r.crcA()).getLabel());
    assertEquals("given IDs are kept when editable", "OWN-1",
        subjects.add(r.siteA().getId(), aSubject("OWN-1"), null, false, r.crcA()).getLabel());
    assertEquals("TKY-0002", subjects.add(r.siteB().getId(), aSubject(null), null, false, r.investigatorB()).getLabel());
  }

  /** Upstream OC-18040 (#32): the update form let an auto non-editable label be changed. */
  @Test
  public void oc3527_autoNonEditableLabelCannotBeChanged() {
    RunningStudy r = fixtures.runningStudy(p -> p.setSubjectIdGeneration(StudyParameters.SubjectIdGeneration.AUTO_NON_EDITABLE));
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("CHOSEN"), null, false, r.crcA());
    assertEquals("a typed label is ignored when IDs are generated", "0001", s.getLabel());
    SubjectException e = assertThrows(SubjectException.class,
        () -> subjects.update(s.getId(), s.getVersion(), aSubject("HACKED"), false, r.dataManager()));
    assertEquals("subject.label.notEditable", e.messageKey());
    assertEquals("0001", subjects.get(s.getId()).getLabel());
    StudySubject same = subjects.update(s.getId(), s.getVersion(), aSubject("0001").withSecondary("S2"), false, r.dataManager());
    assertEquals("0001", same.getLabel());
    assertEquals("S2", same.getSecondaryLabel());
  }

  @Test
  public void aDuplicatePersonIdWarnsAndIsStoredOnlyWhenConfirmed() {
    RunningStudy r = fixtures.runningStudy();
    subjects.add(r.siteA().getId(), aSubject("P-1").withPersonId("PID123"), null, false, r.crcA());
    DuplicatePersonIdWarning w = assertThrows(DuplicatePersonIdWarning.class,
        () -> subjects.add(r.siteB().getId(), aSubject("P-2").withPersonId("PID123"), null, false, r.investigatorB()));
    assertEquals("personId", w.field());
    assertEquals("P-1", w.arguments()[1]);
    assertEquals(0, countWithLabel(r.study().getId(), "P-2"));
    StudySubject confirmed =
        subjects.add(r.siteB().getId(), aSubject("P-2").withPersonId("PID123"), null, true, r.investigatorB());
    assertEquals("PID123", subjects.get(confirmed.getId()).getSubject().getPersonId());
    assertTrue(auditOf(confirmed).get(0).newValue().contains("duplicatePersonIdConfirmed"));
  }

  @Test
  public void theDateOfBirthFollowsTheStudyParameter() {
    RunningStudy yearOnly = fixtures.runningStudy(p -> p.setDateOfBirth(StudyParameters.DateOfBirth.YEAR_ONLY));
    StudySubject y = subjects.add(yearOnly.siteA().getId(), aSubject("Y-1").withBirth("1970"), null, false, yearOnly.crcA());
    assertEquals(new PartialDate(1970, null, null), subjects.get(y.getId()).getSubject().getBirth());
    assertTrue(subjects.get(y.getId()).getSubject().isDateOfBirthYearOnly());

    RunningStudy full = fixtures.runningStudy();
    SubjectException partial = assertThrows(SubjectException.class,
        () -> subjects.add(full.siteA().getId(), aSubject("F-1").withBirth("1970"), null, false, full.crcA()));
    assertEquals("subject.dateOfBirth.full", partial.messageKey());
    SubjectException impossible = assertThrows(SubjectException.class,
        () -> subjects.add(full.siteA().getId(), aSubject("F-1").withBirth("1970-02-30"), null, false, full.crcA()));
    assertEquals("dateOfBirth", impossible.field());
    SubjectException afterEnrollment = assertThrows(SubjectException.class,
        () -> subjects.add(full.siteA().getId(), aSubject("F-1").withBirth("2027-01-01"), null, false, full.crcA()));
    assertEquals("subject.dateOfBirth.afterEnrollment", afterEnrollment.messageKey());

    RunningStudy none = fixtures.runningStudy(p -> {
      p.setDateOfBirth(StudyParameters.DateOfBirth.NOT_USED);
      p.setSexRequired(false);
      p.setPersonId(StudyParameters.Usage.NOT_USED);
    });
    StudySubject n = subjects.add(none.siteA().getId(),
        new SubjectInput("N-1", null, LocalDate.of(2026, 4, 1), null, "garbage", "ignored", Map.of()),
        null, false, none.crcA());
    assertNull(subjects.get(n.getId()).getSubject().getBirth());
    assertNull(subjects.get(n.getId()).getSubject().getPersonId());
  }

  @Test
  public void requiredFieldsAreNamed() {
    RunningStudy r = fixtures.runningStudy(p -> p.setPersonId(StudyParameters.Usage.REQUIRED));
    assertEquals("personId", assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("R-1"), null, false, r.crcA())).field());
    assertEquals("sex", assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("R-1").withPersonId("X").withSex(null), null, false, r.crcA())).field());
    assertEquals("label", assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject(" ").withPersonId("X"), null, false, r.crcA())).field());
  }

  @Test
  public void groupsAreCheckedAgainstTheStudysGroupClasses() {
    RunningStudy r = fixtures.runningStudy();
    // group classes are designed while the study is available too
    SubjectGroupClass arms = groupClasses.create(r.study().getId(), "Arm", GroupClassType.ARM,
        SubjectGroupClass.Assignment.REQUIRED, List.of("実薬", "プラセボ"), r.dataManager());
    long placebo = arms.getGroups().get(1).getId();
    assertEquals("groups", assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("G-1"), null, false, r.crcA())).field());
    assertEquals("subject.group.invalid", assertThrows(SubjectException.class,
        () -> subjects.add(r.siteA().getId(), aSubject("G-1").withGroups(Map.of(arms.getId(), 999_999L)), null, false, r.crcA())).messageKey());
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("G-1").withGroups(Map.of(arms.getId(), placebo)), null, false, r.crcA());
    assertEquals(placebo, subjects.groupsOf(s.getId()).get(0).getGroupId());
  }

  @Test
  public void removeAndRestoreAreAuditedWithTheReasonAndNeedOne() {
    RunningStudy r = fixtures.runningStudy();
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("RM-1"), null, false, r.crcA());
    assertEquals("subject.reason.required",
        assertThrows(SubjectException.class, () -> subjects.remove(s.getId(), " ", r.dataManager())).messageKey());
    assertThrows("a CRC may add but not remove", PermissionDeniedException.class,
        () -> subjects.remove(s.getId(), "why", r.crcA()));
    subjects.remove(s.getId(), "同意撤回", r.dataManager());
    assertEquals(SubjectStatus.REMOVED, subjects.get(s.getId()).getStatus());
    assertEquals("subject.removed", assertThrows(SubjectException.class,
        () -> subjects.update(s.getId(), subjects.get(s.getId()).getVersion(), aSubject("RM-1"), false, r.dataManager())).messageKey());
    subjects.restore(s.getId(), "誤って削除", r.dataManager());
    assertEquals(SubjectStatus.AVAILABLE, subjects.get(s.getId()).getStatus());
    List<AuditRecord> trail = auditOf(s);
    assertEquals("subject.restore", trail.get(0).action());
    assertEquals("誤って削除", trail.get(0).reason());
    assertEquals("subject.remove", trail.get(1).action());
    assertEquals("removed", trail.get(1).newValue());
  }

  @Test
  public void reassignMovesToAnotherSiteOfTheSameStudyOnlyAndIsAudited() {
    RunningStudy r = fixtures.runningStudy();
    RunningStudy other = fixtures.runningStudy();
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("MV-1"), null, false, r.crcA());
    assertEquals("subject.reassign.notOfStudy", assertThrows(SubjectException.class,
        () -> subjects.reassign(s.getId(), other.siteA().getId(), "forged", r.dataManager())).messageKey());
    assertThrows("a CRC of site A has no rights at site B", PermissionDeniedException.class,
        () -> subjects.reassign(s.getId(), r.siteB().getId(), "move", r.crcA()));
    subjects.reassign(s.getId(), r.siteB().getId(), "転院", r.dataManager());
    assertEquals(r.siteB().getId().longValue(), subjects.get(s.getId()).getStudyId());
    AuditRecord moved = auditOf(s).get(0);
    assertEquals("subject.reassign", moved.action());
    assertTrue(moved.oldValue(), moved.oldValue().contains(r.siteA().getProtocolId()));
    assertTrue(moved.newValue(), moved.newValue().contains(r.siteB().getProtocolId()));
    assertEquals("転院", moved.reason());

    studies.remove(r.siteA().getId(), "closed", r.dataManager());
    assertEquals("subject.reassign.siteRemoved", assertThrows(SubjectException.class,
        () -> subjects.reassign(s.getId(), r.siteA().getId(), "back", r.dataManager())).messageKey());
    assertEquals(r.siteB().getId().longValue(), subjects.get(s.getId()).getStudyId());
  }

  @Test
  public void anEditFromAStaleFormIsRefused() {
    RunningStudy r = fixtures.runningStudy();
    StudySubject s = subjects.add(r.siteA().getId(), aSubject("V-1"), null, false, r.crcA());
    subjects.update(s.getId(), s.getVersion(), aSubject("V-1").withSecondary("first"), false, r.crcA());
    assertEquals("subject.changedMeanwhile", assertThrows(SubjectException.class,
        () -> subjects.update(s.getId(), s.getVersion(), aSubject("V-1").withSecondary("second"), false, r.crcA())).messageKey());
    assertEquals("first", subjects.get(s.getId()).getSecondaryLabel());
    assertFalse(repository.findById(s.getId()).isEmpty());
  }
}
