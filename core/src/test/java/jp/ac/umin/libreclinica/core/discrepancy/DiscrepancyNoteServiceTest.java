package jp.ac.umin.libreclinica.core.discrepancy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.ItemKey;
import jp.ac.umin.libreclinica.core.dataentry.SaveResult;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
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
public class DiscrepancyNoteServiceTest {

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
  @Autowired private DiscrepancyNoteService notes;
  @Autowired private NotesViewService view;
  @Autowired private AuditService audit;
  @Autowired private jp.ac.umin.libreclinica.core.casebook.CasebookService casebooks;

  private NotesFixture f;

  @Before
  public void aRunningStudyWithPeople() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
  }

  private NoteTarget height() {
    return NoteTarget.itemValue(f.crfA.getId(), "HEIGHT", 1);
  }

  private static NewNote query(String text, String assignee) {
    return new NewNote(NoteType.QUERY, text, "detail of " + text, assignee);
  }

  @Test
  public void monitorRaisesAQueryTheCrcProposesAResolutionAndTheMonitorClosesIt() {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, height(), query("Height looks wrong", f.r.crcA()));
    assertEquals(NoteStatus.NEW, t.getStatus());
    assertEquals(f.r.crcA(), t.getAssignedTo());
    t = notes.answer(f.r.crcA(), t.getId(), t.getVersion(),
        new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "Checked the chart: 170", null, f.siteMonitorA));
    assertEquals(NoteStatus.RESOLUTION_PROPOSED, t.getStatus());
    t = notes.close(f.siteMonitorA, t.getId(), t.getVersion(), "Agreed", null);
    assertEquals(NoteStatus.CLOSED, t.getStatus());

    NoteThread thread = notes.thread(f.siteMonitorA, t.getId());
    assertEquals(List.of(NoteStatus.NEW, NoteStatus.RESOLUTION_PROPOSED, NoteStatus.CLOSED),
        thread.notes().stream().map(DiscrepancyNote::getStatus).toList());
    assertEquals("the thread's status is its latest note's", NoteStatus.CLOSED, thread.parent().getStatus());
    assertEquals(List.of(), thread.answers());
    assertEquals("HEIGHT", thread.where().itemName());
    assertEquals(f.subjectA.getLabel(), thread.where().subjectLabel());

    List<AuditRecord> trail = audit.search(
        new AuditQuery(null, null, "DiscrepancyNote", String.valueOf(t.getId())), PageRequest.of(0, 10)).getContent();
    assertEquals(3, trail.size());
    assertEquals(f.siteMonitorA, trail.get(0).actor());
    assertEquals("Resolution Proposed", trail.get(0).oldValue().split(" / ")[0]);
  }

  @Test
  public void theCrcMayNotRaiseAQueryNorCloseAndNothingIsStored() {
    Integer before = jdbc.queryForObject("select count(*) from discrepancy_note where study_id = ?", Integer.class, f.r.study().getId());
    assertThrows(PermissionDeniedException.class, () -> notes.raise(f.r.crcA(), height(), query("mine", null)));
    DiscrepancyNote t = notes.raise(f.siteMonitorA, height(), query("Please check", f.r.crcA()));
    assertThrows(PermissionDeniedException.class, () -> notes.close(f.r.crcA(), t.getId(), t.getVersion(), "done", null));
    assertThrows(PermissionDeniedException.class, () -> notes.answer(f.siteMonitorA, t.getId(), t.getVersion(),
        new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "monitors do not propose", null, null)));
    assertEquals(NoteStatus.NEW, notes.thread(f.r.crcA(), t.getId()).parent().getStatus());
    assertEquals(before + 2, jdbc.queryForObject("select count(*) from discrepancy_note where study_id = ?", Integer.class, f.r.study().getId()).intValue());
    // an annotation is for anyone who enters data
    assertEquals(NoteStatus.NOT_APPLICABLE,
        notes.raise(f.r.crcA(), height(), new NewNote(NoteType.ANNOTATION, "measured twice", null, null)).getStatus());
  }

  @Test
  public void aUserOfAnotherSiteCannotSeeOrRaiseNotesThere() {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, height(), query("Please check", null));
    assertThrows(PermissionDeniedException.class, () -> notes.thread(f.r.investigatorB(), t.getId()));
    assertThrows(PermissionDeniedException.class,
        () -> notes.raise(f.r.investigatorB(), height(), new NewNote(NoteType.ANNOTATION, "x", null, null)));
  }

  @Test
  public void anAnswerBasedOnAThreadAnsweredMeanwhileIsRefused() {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, height(), query("Please check", f.r.crcA()));
    long seen = t.getVersion();
    notes.answer(f.r.crcA(), t.getId(), seen, new NoteAnswer(NoteStatus.UPDATED, "looking", null, f.r.crcA()));
    DiscrepancyNoteException stale = assertThrows(DiscrepancyNoteException.class,
        () -> notes.answer(f.siteMonitorA, t.getId(), seen, new NoteAnswer(NoteStatus.CLOSED, "fine", null, null)));
    assertEquals("note.answer.stale", stale.messageKey());
  }

  @Test
  public void aClosedThreadTakesNoMoreAnswersAndAnnotationsStayNotApplicable() {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, height(), query("Please check", null));
    DiscrepancyNote closed = notes.close(f.siteMonitorA, t.getId(), t.getVersion(), "ok", null);
    DiscrepancyNoteException e = assertThrows(DiscrepancyNoteException.class, () -> notes.answer(f.r.dataManager(),
        t.getId(), closed.getVersion(), new NoteAnswer(NoteStatus.UPDATED, "reopen", null, null)));
    assertEquals("note.answer.transition", e.messageKey());
    DiscrepancyNote a = notes.raise(f.r.crcA(), height(), new NewNote(NoteType.ANNOTATION, "note", null, null));
    assertThrows(DiscrepancyNoteException.class, () -> notes.answer(f.r.dataManager(), a.getId(), a.getVersion(),
        new NoteAnswer(NoteStatus.CLOSED, "close", null, null)));
    assertEquals(NoteStatus.NOT_APPLICABLE, notes.answer(f.r.crcA(), a.getId(), a.getVersion(),
        new NoteAnswer(NoteStatus.NOT_APPLICABLE, "a comment", null, null)).getStatus());
  }

  @Test
  public void badInputIsRefusedWithItsReason() {
    assertEquals("note.description.required", assertThrows(DiscrepancyNoteException.class,
        () -> notes.raise(f.siteMonitorA, height(), query(" ", null))).messageKey());
    assertEquals("note.description.tooLong", assertThrows(DiscrepancyNoteException.class,
        () -> notes.raise(f.siteMonitorA, height(), query("x".repeat(256), null))).messageKey());
    assertEquals("note.assignee.noRole", assertThrows(DiscrepancyNoteException.class,
        () -> notes.raise(f.siteMonitorA, height(), query("to B", f.r.investigatorB()))).messageKey());
    assertEquals("note.target.noSuchItem", assertThrows(DiscrepancyNoteException.class,
        () -> notes.raise(f.siteMonitorA, NoteTarget.itemValue(f.crfA.getId(), "NOPE", 1), query("x", null))).messageKey());
    assertEquals("note.type.notByHand", assertThrows(DiscrepancyNoteException.class,
        () -> notes.raise(f.r.dataManager(), height(), new NewNote(NoteType.FAILED_VALIDATION_CHECK, "x", null, null))).messageKey());
  }

  @Test
  public void withoutDiscrepancyManagementNotesCannotBeRaisedByHand() {
    NotesFixture off = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> p.setDiscrepancyManagement(false));
    assertEquals("note.disabled", assertThrows(DiscrepancyNoteException.class,
        () -> notes.raise(off.siteMonitorA, NoteTarget.itemValue(off.crfA.getId(), "HEIGHT", 1), query("x", null))).messageKey());
    // a value saved past its check still gets its note
    assertTrue(entry.save(off.r.crcA(), off.crfA.getId(), Map.of(ItemKey.of("HEIGHT"), "300"), Map.of(), null,
        Map.of(ItemKey.of("HEIGHT"), "really")).saved());
    assertEquals(1, notes.threadsOn(off.r.crcA(), NoteTarget.itemValue(off.crfA.getId(), "HEIGHT", 1)).size());
  }

  /** LC #424: subject field notes were not saved and their flag did nothing. */
  @Test
  public void lc424_subjectFieldNotesArePersistedLinkedAndFlagged() {
    long id = f.subjectA.getId();
    assertTrue(notes.subjectFlags(f.r.crcA(), id).isEmpty());
    notes.raise(f.siteMonitorA, NoteTarget.subject(id, NoteField.ENROLLMENT_DATE), query("enrolled before consent?", null));
    notes.raise(f.r.crcA(), NoteTarget.subject(id, NoteField.DATE_OF_BIRTH), new NewNote(NoteType.ANNOTATION, "from passport", null, null));
    notes.raise(f.siteMonitorA, NoteTarget.subject(id, NoteField.SEX), query("check sex", null));
    Map<NoteField, NoteStatus> flags = notes.subjectFlags(f.r.crcA(), id);
    assertEquals(NoteStatus.NEW, flags.get(NoteField.ENROLLMENT_DATE));
    assertEquals(NoteStatus.NOT_APPLICABLE, flags.get(NoteField.DATE_OF_BIRTH));
    assertEquals(NoteStatus.NEW, flags.get(NoteField.SEX));
    assertNull(flags.get(NoteField.PERSON_ID));
    assertEquals(3, jdbc.queryForObject("select count(*) from discrepancy_note where parent_id is null"
        + " and study_subject_id = ? and study_event_id is null and event_crf_id is null", Integer.class, id).intValue());
    DiscrepancyNote sex = notes.threadsOn(f.r.crcA(), NoteTarget.subject(id, NoteField.SEX)).get(0);
    notes.answer(f.r.crcA(), sex.getId(), sex.getVersion(), new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "female, as entered", null, null));
    assertEquals("the flag follows the thread", NoteStatus.RESOLUTION_PROPOSED, notes.subjectFlags(f.r.crcA(), id).get(NoteField.SEX));
    // event fields are flagged the same way
    notes.raise(f.siteMonitorA, NoteTarget.event(f.eventA.getId(), NoteField.EVENT_LOCATION), query("which clinic?", null));
    assertEquals(NoteStatus.NEW, notes.eventFlags(f.r.crcA(), id, List.of(f.eventA.getId()))
        .get(f.eventA.getId()).get(NoteField.EVENT_LOCATION));
  }

  /** LC #19: the count of notes assigned to me missed notes a study-level user assigned to a site user. */
  @Test
  public void lc19_countOfOpenNotesAssignedToMeCountsStudyLevelAssignments() {
    String crc = f.r.crcA();
    assertEquals(0, view.openAssignedTo(crc));
    // a study-level data manager and a study-level monitor assign notes to the site's CRC
    notes.raise(f.r.dataManager(), height(), query("one", crc));
    notes.raise(f.studyMonitor, NoteTarget.subject(f.subjectA.getId(), NoteField.ENROLLMENT_DATE), query("two", crc));
    DiscrepancyNote third = notes.raise(f.siteMonitorA, NoteTarget.event(f.eventA.getId(), NoteField.EVENT_START), query("three", null));
    notes.answer(f.r.dataManager(), third.getId(), third.getVersion(), new NoteAnswer(NoteStatus.UPDATED, "for you", null, crc));
    notes.raise(f.r.dataManager(), height(), query("not hers", f.siteMonitorA));
    assertEquals(3, view.openAssignedTo(crc));
    DiscrepancyNote t = notes.threadsOn(crc, height()).get(0);
    notes.close(f.r.dataManager(), t.getId(), t.getVersion(), "done", null);
    assertEquals("closed threads are not counted", 2, view.openAssignedTo(crc));
  }

  @Test
  public void savingAValuePastItsEditCheckNeedsANoteAndRaisesAFailedValidationCheck() {
    SaveResult refused = entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("HEIGHT"), "300"), Map.of(), null);
    assertEquals(SaveResult.Outcome.INVALID, refused.outcome());
    SaveResult saved = entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("HEIGHT"), "300"), Map.of(), null,
        Map.of(ItemKey.of("HEIGHT"), "really 300: a giant"));
    assertTrue(saved.saved());
    List<DiscrepancyNote> threads = notes.threadsOn(f.r.crcA(), height());
    assertEquals(1, threads.size());
    assertEquals(NoteType.FAILED_VALIDATION_CHECK, threads.get(0).getType());
    assertEquals(NoteStatus.NEW, threads.get(0).getStatus());
    assertEquals("really 300: a giant", threads.get(0).getDescription());
    assertEquals(NoteStatus.NEW, notes.itemFlags(f.r.crcA(), f.crfA.getId()).get("HEIGHT#1"));
    // the stored value does not ask for a note again on the next save
    Map<ItemKey, Long> seen = Map.of(ItemKey.of("HEIGHT"), entry.values(f.r.crcA(), f.crfA.getId()).get(ItemKey.of("HEIGHT")).getVersion());
    assertTrue(entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("HEIGHT"), "300", ItemKey.of("WEIGHT"), "60"), seen, null).saved());
    // a value that is not even a number cannot be saved with a note
    Map<ItemKey, Long> now = new java.util.HashMap<>();
    entry.values(f.r.crcA(), f.crfA.getId()).forEach((k, v) -> now.put(k, v.getVersion()));
    assertEquals(SaveResult.Outcome.INVALID, entry.save(f.r.crcA(), f.crfA.getId(), Map.of(ItemKey.of("WEIGHT"), "heavy"),
        now, null, Map.of(ItemKey.of("WEIGHT"), "note")).outcome());
  }

  @Test
  public void administrativeEditingRaisesAReasonForChangeNoteOnEachChangedValue() {
    long id = f.crfA.getId();
    assertTrue(entry.save(f.r.crcA(), id, Map.of(ItemKey.of("VSDAT"), "2026-04-07", ItemKey.of("WEIGHT"), "60"), Map.of(), null).saved());
    entry.markComplete(f.r.crcA(), id);
    Map<ItemKey, Long> seen = new java.util.HashMap<>();
    entry.values(f.r.crcA(), id).forEach((k, v) -> seen.put(k, v.getVersion()));
    assertEquals("dataentry.save.reasonRequired", assertThrows(jp.ac.umin.libreclinica.core.dataentry.DataEntryException.class,
        () -> entry.save(f.r.crcA(), id, Map.of(ItemKey.of("WEIGHT"), "61", ItemKey.of("VSDAT"), "2026-04-07"), seen, null)).messageKey());
    assertTrue(notes.threadsOn(f.r.crcA(), NoteTarget.itemValue(id, "WEIGHT", 1)).isEmpty());
    assertTrue(entry.save(f.r.crcA(), id, Map.of(ItemKey.of("WEIGHT"), "61", ItemKey.of("VSDAT"), "2026-04-07"), seen, "scale was off").saved());
    List<DiscrepancyNote> rfc = notes.threadsOn(f.r.crcA(), NoteTarget.itemValue(id, "WEIGHT", 1));
    assertEquals(1, rfc.size());
    assertEquals(NoteType.REASON_FOR_CHANGE, rfc.get(0).getType());
    assertEquals("scale was off", rfc.get(0).getDescription());
    assertTrue("unchanged values get no note", notes.threadsOn(f.r.crcA(), NoteTarget.itemValue(id, "VSDAT", 1)).isEmpty());
    assertFalse(notes.itemFlags(f.r.crcA(), id).containsKey("VSDAT#1"));
  }

  @Test
  public void lockedDataTakesNoNotesUntilUnlocked() {
    DiscrepancyNote open = notes.raise(f.siteMonitorA, height(), query("Before the lock", f.r.crcA()));
    entry.lock(f.r.dataManager(), f.crfA.getId(), "database lock");
    assertLocked("note.locked.eventCrf", () -> notes.raise(f.siteMonitorA, height(), query("After the lock", null)));
    assertLocked("note.locked.eventCrf", () -> notes.answer(f.r.crcA(), open.getId(), open.getVersion(),
        new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "too late", null, null)));
    assertEquals(1, notes.thread(f.siteMonitorA, open.getId()).notes().size());
    entry.unlock(f.r.dataManager(), f.crfA.getId(), "correction");
    notes.raise(f.siteMonitorA, height(), query("After the unlock", null));

    subjects.lockCasebook(f.subjectA.getId(), "final", f.r.dataManager());
    assertLocked("note.locked.casebook",
        () -> notes.raise(f.siteMonitorA, NoteTarget.subject(f.subjectA.getId(), NoteField.SEX), query("Sex?", null)));
    subjects.unlockCasebook(f.subjectA.getId(), "reopen", f.r.dataManager());
  }

  @Test
  public void theCasebookListsEveryMessageOfTheSubjectsNotes() {
    DiscrepancyNote t = notes.raise(f.siteMonitorA, height(), query("身長が範囲外", f.r.crcA()));
    notes.answer(f.r.crcA(), t.getId(), t.getVersion(),
        new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "原資料では170", null, f.siteMonitorA));
    var doc = casebooks.document(f.siteMonitorA, f.subjectA.getId(), false, java.util.Locale.ENGLISH);
    var section = doc.sections().stream().filter(x -> x.titleKey().equals("casebook.notes")).findFirst().orElseThrow();
    List<List<String>> rows = section.rows().stream().filter(r -> r.get(0).equals("DN_" + t.getId())).toList();
    assertEquals(2, rows.size());
    assertEquals("Query", rows.get(0).get(2));
    assertEquals("New", rows.get(0).get(3));
    assertEquals("Resolution Proposed", rows.get(1).get(3));
    assertTrue(rows.get(0).get(1), rows.get(0).get(1).endsWith("HEIGHT"));
    assertTrue(rows.get(1).get(6).startsWith("原資料では170"));
  }

  private static void assertLocked(String key, Runnable r) {
    try {
      r.run();
      org.junit.Assert.fail("expected " + key);
    } catch (DiscrepancyNoteException e) {
      assertEquals(key, e.messageKey());
    }
  }
}
