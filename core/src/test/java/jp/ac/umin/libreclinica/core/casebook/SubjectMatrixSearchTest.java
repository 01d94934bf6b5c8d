package jp.ac.umin.libreclinica.core.casebook;

import static org.junit.Assert.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.Sex;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * The matrix search finds subject IDs and secondary IDs whatever the width (全角/半角) and kana
 * (ひらがな/カタカナ) of either the stored ID or the search.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class SubjectMatrixSearchTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private SubjectMatrixService matrices;

  private RunningStudy r;

  @Before
  public void threeSubjects() {
    r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
    add("すずき-01", "S2-01");
    add("ＡＢＣ１２３", "S2-02");
    add("xyz-9", "ﾀﾅｶ");
  }

  private void add(String label, String secondary) {
    subjects.add(r.siteA().getId(),
        new SubjectInput(label, secondary, LocalDate.of(2026, 4, 1), Sex.FEMALE, "1970-05-06", null, Map.of()),
        null, false, r.crcA());
  }

  private List<String> found(String search) {
    return matrices.matrix(r.dataManager(), r.study().getId(),
            new MatrixQuery(search, null, null, null, Map.of(), MatrixSort.LABEL, false, 0, 50))
        .rows().getContent().stream().map(MatrixRow::label).toList();
  }

  @Test
  public void katakanaHalfWidthAndHiraganaSearchesFindAHiraganaId() {
    assertEquals(List.of("すずき-01"), found("スズキ"));
    assertEquals(List.of("すずき-01"), found("ｽｽﾞｷ"));
    assertEquals(List.of("すずき-01"), found("すずき－０１"));
  }

  @Test
  public void halfWidthSearchFindsAFullWidthIdAndBack() {
    assertEquals(List.of("ＡＢＣ１２３"), found("abc12"));
    assertEquals(List.of("ＡＢＣ１２３"), found("ＢＣ１"));
    assertEquals(List.of("xyz-9"), found("ＸＹＺ"));
  }

  @Test
  public void hiraganaSearchFindsAHalfWidthKatakanaSecondaryId() {
    assertEquals(List.of("xyz-9"), found("たなか"));
    assertEquals(List.of(), found("さとう"));
  }
}
