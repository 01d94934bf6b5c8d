package jp.ac.umin.libreclinica.web.subject;

import static jp.ac.umin.libreclinica.core.subject.SubjectFixtures.aSubject;
import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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
import jp.ac.umin.libreclinica.core.subject.StudySubject;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures;
import jp.ac.umin.libreclinica.core.subject.SubjectFixtures.RunningStudy;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class SubjectAuditPagesTest {

  private static final Charset WINDOWS_31J = Charset.forName("windows-31j");

  @Autowired private MockMvc mvc;
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

  private RunningStudy r;
  private StudySubject subject;
  private EventCrf form;
  private String crfName;

  @Before
  public void aSubjectWithJapaneseDataEnteredTwice() {
    r = new SubjectFixtures(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc)).runningStudy();
    crfName = unique("VS");
    CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(crfName, "v1").xlsx(), "vs.xlsx", r.dataManager());
    definitions.attachCrf(r.screening().getId(), vitals.crfId(),
        new CrfParameters(true, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), r.dataManager());
    subject = subjects.add(r.siteA().getId(), aSubject("監査-1"), null, false, r.crcA());
    StudyEvent screening = events.schedule(subject.getId(), r.screening().getId(),
        new EventInput(Instant.parse("2026-04-07T00:30:00Z"), null, "外来"), r.crcA());
    form = entry.startForEvent(r.crcA(), screening.getId(), vitals.crfVersionId());
    save(Map.of("HEIGHT", "170", "COMMENT", "頭痛あり"));
    save(Map.of("HEIGHT", "171"));
  }

  private void save(Map<String, String> values) {
    Map<ItemKey, String> typed = new HashMap<>();
    values.forEach((k, v) -> typed.put(ItemKey.of(k), v));
    Map<ItemKey, Long> seen = new HashMap<>();
    entry.values(r.crcA(), form.getId()).forEach((k, d) -> seen.put(k, d.getVersion()));
    assertTrue(entry.save(r.crcA(), form.getId(), typed, seen, null).saved());
  }

  @Test
  public void theDataEntryPageLinksEachStoredItemToItsHistory() throws Exception {
    mvc.perform(get("/event-crfs/" + form.getId()).with(user(r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/event-crfs/" + form.getId() + "/history?item=HEIGHT")))
        .andExpect(content().string(not(containsString("/event-crfs/" + form.getId() + "/history?item=SYSBP"))));
  }

  @Test
  public void anItemsHistoryShowsEveryValueWithWhoOldNewAndCrfVersionPaged() throws Exception {
    for (int i = 0; i < 20; i++) {
      save(Map.of("HEIGHT", String.valueOf(150 + i)));
    }
    mvc.perform(get("/event-crfs/" + form.getId() + "/history").param("item", "HEIGHT").with(user(r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<td class=\"value data\">168</td>")))
        .andExpect(content().string(containsString(r.crcA())))
        .andExpect(content().string(containsString("<td class=\"data\">v1</td>")))
        .andExpect(content().string(not(containsString("<td class=\"value data\">170</td>"))))
        .andExpect(content().string(containsString("page=1")));
    mvc.perform(get("/event-crfs/" + form.getId() + "/history").param("item", "HEIGHT").param("page", "1")
            .with(user(r.crcA())))
        .andExpect(content().string(containsString("<td class=\"value data\">170</td>")))
        .andExpect(content().string(containsString("<td class=\"value data\">171</td>")));
  }

  @Test
  public void theSubjectsAuditLogGroupsChangesByEventAndCrf() throws Exception {
    mvc.perform(get("/subjects/" + subject.getId() + "/audit").with(user(r.crcA())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Audit log of subject 監査-1")))
        .andExpect(content().string(containsString("Event: Screening")))
        .andExpect(content().string(containsString("CRF: " + crfName + " (version v1)")))
        .andExpect(content().string(containsString("<td class=\"data\">HEIGHT</td>")))
        .andExpect(content().string(containsString("頭痛あり")))
        .andExpect(content().string(containsString("Value entered")))
        .andExpect(content().string(containsString("window.print()")));
  }

  @Test
  public void theCsvIsUtf8WithBomForExcel() throws Exception {
    byte[] body = mvc.perform(get("/subjects/" + subject.getId() + "/audit.csv").param("encoding", "UTF8_BOM")
            .with(user(r.crcA())))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3));
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    assertTrue(text, text.startsWith("Subject ID,Event,CRF,CRF version,Item,Row,When"));
    assertTrue(text, text.contains("監査-1,Screening," + crfName + ",v1,HEIGHT,1,"));
    assertTrue(text, text.contains(",170,171,"));
    assertTrue(text, text.contains("頭痛あり"));
  }

  @Test
  public void theCsvInWindows31jHoldsJapaneseAndIsRefusedListingWhatItCannotHold() throws Exception {
    byte[] body = mvc.perform(get("/subjects/" + subject.getId() + "/audit.csv").param("encoding", "WINDOWS_31J")
            .with(user(r.crcA())))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsByteArray();
    assertTrue(new String(body, WINDOWS_31J).contains("頭痛あり"));
    save(Map.of("COMMENT", "𠮷野家で食事"));
    mvc.perform(get("/subjects/" + subject.getId() + "/audit.csv").param("encoding", "WINDOWS_31J")
            .with(user(r.crcA())))
        .andExpect(redirectedUrl("/subjects/" + subject.getId() + "/audit"))
        .andExpect(flash().attribute("csvRefused", containsString("Windows-31J")))
        .andExpect(flash().attribute("csvRefusedValues", org.hamcrest.Matchers.hasItem(containsString("\"𠮷\""))));
  }

  @Test
  public void usersWhoMayNotViewTheSubjectGetNeitherViewNorFile() throws Exception {
    mvc.perform(get("/subjects/" + subject.getId() + "/audit").with(user(r.investigatorB())))
        .andExpect(status().isForbidden());
    mvc.perform(get("/subjects/" + subject.getId() + "/audit.csv").with(user(r.investigatorB())))
        .andExpect(status().isForbidden());
    mvc.perform(get("/event-crfs/" + form.getId() + "/history").param("item", "HEIGHT").with(user(r.investigatorB())))
        .andExpect(status().isForbidden());
    mvc.perform(get("/event-crfs/" + form.getId() + "/history").param("item", "NOPE").with(user(r.crcA())))
        .andExpect(status().isNotFound());
  }
}
