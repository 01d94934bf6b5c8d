package jp.ac.umin.libreclinica.core.casebook;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static org.junit.Assert.assertEquals;

import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.Map;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventInput;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.event.SubjectEventStatus;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

/** The matrix runs the same number of statements whatever the page size (no query per row). */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = CoreTestApplication.class,
    properties = "spring.jpa.properties.hibernate.generate_statistics=true")
public class SubjectMatrixStatementsTest {

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private SubjectMatrixService matrices;
  @Autowired private EntityManagerFactory emf;

  @Test
  public void theStatementCountDoesNotGrowWithThePageSize() {
    RunningStudy r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
    for (int i = 0; i < 60; i++) {
      StudySubject s = subjects.add(r.siteA().getId(), aSubject(String.format("N-%03d", i)), null, false, r.crcA());
      events.schedule(s.getId(), r.visit().getId(), new EventInput(Instant.EPOCH, null, null), r.crcA());
      events.schedule(s.getId(), r.visit().getId(), new EventInput(Instant.EPOCH, null, null), r.crcA());
    }
    Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
    long[] counts = new long[2];
    int[] sizes = {5, 50};
    for (int k = 0; k < 2; k++) {
      stats.clear();
      SubjectMatrix m = matrices.matrix(r.dataManager(), r.study().getId(),
          new MatrixQuery(null, null, null, null, Map.of(r.visit().getId(), SubjectEventStatus.SCHEDULED),
              MatrixSort.LABEL, false, 0, sizes[k]));
      assertEquals(sizes[k], m.rows().getContent().size());
      assertEquals(2, m.rows().getContent().get(0).cell(r.visit().getId()).occurrences());
      counts[k] = stats.getPrepareStatementCount();
    }
    assertEquals("statements for 5 rows vs 50 rows", counts[0], counts[1]);
  }
}
