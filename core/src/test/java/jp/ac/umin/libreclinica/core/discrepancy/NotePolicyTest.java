package jp.ac.umin.libreclinica.core.discrepancy;

import static org.junit.Assert.assertEquals;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.account.RolePolicy;
import org.junit.Test;

/** Walks the whole role × note type × status matrix against the documented expectations. */
public class NotePolicyTest {

  /** Which types each role may raise by hand. */
  private static Map<Role, Set<NoteType>> raising() {
    Set<NoteType> noQuery = EnumSet.of(NoteType.ANNOTATION, NoteType.REASON_FOR_CHANGE);
    Set<NoteType> all = EnumSet.of(NoteType.ANNOTATION, NoteType.QUERY, NoteType.REASON_FOR_CHANGE);
    Map<Role, Set<NoteType>> m = new EnumMap<>(Role.class);
    m.put(Role.DATA_MANAGER, all);
    m.put(Role.STUDY_DIRECTOR, all);
    m.put(Role.DATA_SPECIALIST, noQuery);
    m.put(Role.STUDY_MONITOR, all);
    m.put(Role.DATA_ENTRY_PERSON, noQuery);
    m.put(Role.INVESTIGATOR, noQuery);
    m.put(Role.CLINICAL_RESEARCH_COORDINATOR, noQuery);
    m.put(Role.SITE_MONITOR, all);
    m.put(Role.DATA_ENTRY_PERSON_2, noQuery);
    return m;
  }

  /** What each role may answer an open query with. */
  private static Map<Role, List<NoteStatus>> answeringAQuery() {
    List<NoteStatus> site = List.of(NoteStatus.UPDATED, NoteStatus.RESOLUTION_PROPOSED);
    List<NoteStatus> monitor = List.of(NoteStatus.UPDATED, NoteStatus.CLOSED);
    List<NoteStatus> manager = List.of(NoteStatus.UPDATED, NoteStatus.RESOLUTION_PROPOSED, NoteStatus.CLOSED);
    Map<Role, List<NoteStatus>> m = new EnumMap<>(Role.class);
    m.put(Role.DATA_MANAGER, manager);
    m.put(Role.STUDY_DIRECTOR, manager);
    m.put(Role.DATA_SPECIALIST, site);
    m.put(Role.STUDY_MONITOR, monitor);
    m.put(Role.DATA_ENTRY_PERSON, site);
    m.put(Role.INVESTIGATOR, site);
    m.put(Role.CLINICAL_RESEARCH_COORDINATOR, site);
    m.put(Role.SITE_MONITOR, monitor);
    m.put(Role.DATA_ENTRY_PERSON_2, site);
    return m;
  }

  @Test
  public void everyRoleRaisesExactlyTheDocumentedTypes() {
    for (Role role : Role.values()) {
      assertEquals(role.name(), List.copyOf(raising().get(role)),
          NotePolicy.raisableBy(RolePolicy.permissionsOf(role)));
    }
  }

  @Test
  public void everyRoleAnswersEveryThreadAsDocumented() {
    for (Role role : Role.values()) {
      var held = RolePolicy.permissionsOf(role);
      for (NoteType type : NoteType.values()) {
        for (NoteStatus current : NoteStatus.values()) {
          List<NoteStatus> expected;
          if (current == NoteStatus.CLOSED) {
            expected = List.of();
          } else if (type == NoteType.ANNOTATION || type == NoteType.REASON_FOR_CHANGE) {
            expected = List.of(NoteStatus.NOT_APPLICABLE);
          } else {
            expected = answeringAQuery().get(role);
          }
          assertEquals(role + " " + type + " " + current, expected, NotePolicy.answersFor(type, current, held));
        }
      }
    }
  }

  @Test
  public void aCrcProposesAResolutionAndAMonitorCloses() {
    var crc = RolePolicy.permissionsOf(Role.CLINICAL_RESEARCH_COORDINATOR);
    var monitor = RolePolicy.permissionsOf(Role.SITE_MONITOR);
    assertEquals(true, NotePolicy.mayAnswer(NoteType.QUERY, NoteStatus.NEW, NoteStatus.RESOLUTION_PROPOSED, crc));
    assertEquals(false, NotePolicy.mayAnswer(NoteType.QUERY, NoteStatus.RESOLUTION_PROPOSED, NoteStatus.CLOSED, crc));
    assertEquals(true, NotePolicy.mayAnswer(NoteType.QUERY, NoteStatus.RESOLUTION_PROPOSED, NoteStatus.CLOSED, monitor));
    assertEquals(false, NotePolicy.mayAnswer(NoteType.QUERY, NoteStatus.CLOSED, NoteStatus.UPDATED, monitor));
  }

  @Test
  public void newThreadsStartAsLibreClinicaStartsThem() {
    assertEquals(NoteStatus.NEW, NoteType.QUERY.initialStatus());
    assertEquals(NoteStatus.NEW, NoteType.FAILED_VALIDATION_CHECK.initialStatus());
    assertEquals(NoteStatus.NOT_APPLICABLE, NoteType.ANNOTATION.initialStatus());
    assertEquals(NoteStatus.NOT_APPLICABLE, NoteType.REASON_FOR_CHANGE.initialStatus());
  }
}
