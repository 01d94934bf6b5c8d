package jp.ac.umin.libreclinica.core.dataentry;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEvent;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A subject with captured data, built through the services: a running study (sites A and B),
 * the vital signs CRF attached to the screening event, a subject at site B entered and completed
 * by the site's investigator. Register it in a test's context with {@code @Import} (it is not a
 * component, so that contexts scanning {@code core} do not pick it up).
 */
public class DataCaptureFixture {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private CrfService crfs;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private DataEntryService entry;

  /** What a test works on. */
  public record Captured(
      SubjectFixtures.RunningStudy study,
      CrfUploadOutcome vitals,
      StudySubject subject,
      StudyEvent screening,
      EventCrf eventCrf) {
    public String investigator() {
      return study.investigatorB();
    }

    public String dataManager() {
      return study.dataManager();
    }
  }

  public AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  /** A completed screening CRF; {@code passwordOnCompletion} is the CRF's "password required". */
  public Captured completed(boolean passwordOnCompletion) {
    SubjectFixtures.RunningStudy r =
        new SubjectFixtures(studies, definitions, roles, accounts()).runningStudy();
    CrfUploadOutcome vitals =
        crfs.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, false, passwordOnCompletion, false, SdvRequirement.NOT_REQUIRED, List.of()),
        r.dataManager());
    String inv = r.investigatorB();
    StudySubject s =
        subjects.add(r.siteB().getId(), SubjectFixtures.aSubject(unique("S").substring(0, 10)), null, false, inv);
    StudyEvent e =
        events.schedule(s.getId(), r.screening().getId(),
            new EventInput(Instant.parse("2026-04-07T01:00:00Z"), null, null), inv);
    EventCrf crf = entry.startForEvent(inv, e.getId(), vitals.crfVersionId());
    entry.save(inv, crf.getId(),
        typed("VSDAT", "2026-04-07", "HEIGHT", "170.5", "COMMENT", "体調良好"), Map.of(), null);
    if (!passwordOnCompletion) {
      entry.markComplete(inv, crf.getId());
    }
    return new Captured(r, vitals, subjects.get(s.getId()), events.get(e.getId()), entry.get(inv, crf.getId()));
  }

  /** Changes one value as {@code actor} (administrative editing after completion). */
  public SaveResult change(Captured c, String actor, String item, String value) {
    Map<ItemKey, Long> seen = new HashMap<>();
    entry.values(actor, c.eventCrf().getId()).forEach((k, v) -> seen.put(k, v.getVersion()));
    return entry.save(actor, c.eventCrf().getId(), typed(item, value), seen, "correction");
  }

  public static Map<ItemKey, String> typed(String... namesAndValues) {
    Map<ItemKey, String> m = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(ItemKey.of(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return m;
  }
}
