package jp.ac.umin.libreclinica.core.study;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.aStudy;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import jp.ac.umin.libreclinica.core.event.DesignStatus;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class GroupClassServiceTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  /** A business administrator: may create studies, and becomes their data manager. */
  private String dm;

  @Before
  public void signInAsAdministrator() {
    dm = accounts().businessAdmin().userName();
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  @Autowired private StudyService studies;
  @Autowired private GroupClassService groups;

  @Test
  public void createsArmsWithTheirGroupsAndRemovesAndRestoresThem() {
    Study s = studies.createStudy(aStudy(unique("Grp"), "arms"), dm);
    SubjectGroupClass arms =
        groups.create(s.getId(), "治療群", GroupClassType.ARM,
            SubjectGroupClass.Assignment.REQUIRED, List.of("実薬", "プラセボ", " "), dm);
    assertEquals(List.of("実薬", "プラセボ"),
        groups.list(s.getId()).get(0).getGroups().stream().map(SubjectGroup::getName).toList());
    groups.setRemoved(arms.getId(), true, "wrong", dm);
    assertEquals(DesignStatus.REMOVED, groups.list(s.getId()).get(0).getStatus());
    groups.setRemoved(arms.getId(), false, "right after all", dm);
    assertEquals(DesignStatus.AVAILABLE, groups.list(s.getId()).get(0).getStatus());
  }

  @Test
  public void refusesDuplicateGroupsAndEmptyClasses() {
    Study s = studies.createStudy(aStudy(unique("Grp"), "arms"), dm);
    assertRefused(() -> groups.create(s.getId(), "Arm", GroupClassType.ARM,
        SubjectGroupClass.Assignment.OPTIONAL, List.of("A", "a"), dm), "group.groupName.duplicate");
    assertRefused(() -> groups.create(s.getId(), "Arm", GroupClassType.ARM,
        SubjectGroupClass.Assignment.OPTIONAL, List.of(" "), dm), "group.groups.required");
    groups.create(s.getId(), "Arm", GroupClassType.ARM,
        SubjectGroupClass.Assignment.OPTIONAL, List.of("A"), dm);
    assertRefused(() -> groups.create(s.getId(), "ARM", GroupClassType.OTHER,
        SubjectGroupClass.Assignment.OPTIONAL, List.of("B"), dm), "group.name.duplicate");
  }

  private static void assertRefused(Runnable r, String key) {
    try {
      r.run();
      fail("accepted: expected " + key);
    } catch (StudyException e) {
      assertEquals(key, e.messageKey());
    }
  }
}
