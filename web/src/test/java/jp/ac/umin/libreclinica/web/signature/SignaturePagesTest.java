package jp.ac.umin.libreclinica.web.signature;

import static jp.ac.umin.libreclinica.core.account.AccountFixtures.PASSWORD;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.dataentry.EventCrfStatus;
import jp.ac.umin.libreclinica.core.signature.Signature;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The investigator reviews and signs a casebook on its page, a later change shows the signature
 * invalid on the subject page, the data entry page and the signer's home page; the casebook
 * prints as HTML and PDF; a data manager locks the casebook and an event CRF.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@Import(DataCaptureFixture.class)
public class SignaturePagesTest {

  @Autowired private MockMvc mvc;
  @Autowired private DataCaptureFixture fixture;
  @Autowired private SignatureService signatures;
  @Autowired private SubjectService subjects;
  @Autowired private DataEntryService entry;

  private Captured c;
  private String inv;
  private long id;

  @Before
  public void aCompletedCasebook() {
    c = fixture.completed(false);
    inv = c.investigator();
    id = c.subject().getId();
  }

  private String shownHash() throws Exception {
    String page = mvc.perform(get("/subjects/" + id + "/sign").with(user(inv)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("I have reviewed the records of this subject")))
        .andExpect(content().string(containsString("体調良好")))
        .andReturn().getResponse().getContentAsString();
    Matcher m = Pattern.compile("name=\"hash\" value=\"([0-9a-f]{64})\"").matcher(page);
    assertTrue(page, m.find());
    return m.group(1);
  }

  @Test
  public void theInvestigatorSignsOnThePageAndALaterChangeShowsTheSignatureInvalidEverywhere() throws Exception {
    mvc.perform(get("/subjects/" + id).with(user(inv)))
        .andExpect(content().string(containsString("Sign casebook")));
    String hash = shownHash();
    mvc.perform(post("/subjects/" + id + "/sign").with(user(inv)).with(csrf())
            .param("hash", hash).param("password", "wrong"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The password is not correct")));
    mvc.perform(post("/subjects/" + id + "/sign").with(user(inv)).with(csrf())
            .param("hash", hash).param("password", PASSWORD))
        .andExpect(redirectedUrl("/subjects/" + id));
    assertEquals(SubjectStatus.SIGNED, subjects.get(id).getStatus());
    mvc.perform(get("/subjects/" + id).with(user(inv)))
        .andExpect(content().string(containsString("Whole casebook")))
        .andExpect(content().string(containsString(">Valid<")))
        .andExpect(content().string(not(containsString("Sign casebook"))));
    mvc.perform(get("/event-crfs/" + c.eventCrf().getId()).with(user(inv)))
        .andExpect(content().string(containsString("Whole casebook")))
        .andExpect(content().string(containsString(">Valid<")));

    fixture.change(c, c.dataManager(), "HEIGHT", "171");
    mvc.perform(get("/subjects/" + id).with(user(inv)))
        .andExpect(content().string(containsString("Invalid: the signed data changed after signing")));
    mvc.perform(get("/").with(user(inv)))
        .andExpect(content().string(containsString("is no longer valid")));
  }

  @Test
  public void signingDataChangedSinceThePageWasOpenedShowsThePageAgainWithTheNewData() throws Exception {
    String hash = shownHash();
    fixture.change(c, inv, "WEIGHT", "61.5");
    mvc.perform(post("/subjects/" + id + "/sign").with(user(inv)).with(csrf())
            .param("hash", hash).param("password", PASSWORD))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("The data changed after this page was opened")))
        .andExpect(content().string(containsString("61.5")));
    assertTrue(signatures.signaturesOf(inv, id).isEmpty());
  }

  @Test
  public void theCasebookPrintsAsHtmlAndPdf() throws Exception {
    mvc.perform(get("/subjects/" + id + "/casebook").param("audit", "true").with(user(inv)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("体調良好")))
        .andExpect(content().string(containsString("Audit trail")));
    byte[] pdf = mvc.perform(get("/subjects/" + id + "/casebook.pdf").with(user(inv)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/pdf"))
        .andReturn().getResponse().getContentAsByteArray();
    assertTrue(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
  }

  @Test
  public void aDataManagerLocksTheCasebookAndAnEventCrfOnThePages() throws Exception {
    mvc.perform(post("/event-crfs/" + c.eventCrf().getId() + "/lock").with(user(c.dataManager())).with(csrf())
            .param("action", "lock"))
        .andExpect(redirectedUrl("/event-crfs/" + c.eventCrf().getId()));
    assertEquals(EventCrfStatus.LOCKED, entry.get(inv, c.eventCrf().getId()).getStatus());
    mvc.perform(get("/event-crfs/" + c.eventCrf().getId()).with(user(inv)))
        .andExpect(content().string(containsString("This CRF is locked")))
        .andExpect(content().string(not(containsString("Lock CRF"))));
    mvc.perform(post("/event-crfs/" + c.eventCrf().getId() + "/lock").with(user(c.dataManager())).with(csrf())
            .param("action", "unlock"))
        .andExpect(redirectedUrl("/event-crfs/" + c.eventCrf().getId()));

    mvc.perform(post("/subjects/" + id + "/casebook-lock").with(user(c.dataManager())).with(csrf())
            .param("action", "lock").param("reason", "DB lock"))
        .andExpect(redirectedUrl("/subjects/" + id));
    assertTrue(subjects.get(id).isCasebookLocked());
    mvc.perform(get("/subjects/" + id).with(user(inv)))
        .andExpect(content().string(containsString("This casebook is locked")))
        .andExpect(content().string(not(containsString("Sign casebook"))));
    mvc.perform(post("/subjects/" + id + "/casebook-lock").with(user(inv)).with(csrf()).param("action", "unlock"))
        .andExpect(status().isForbidden());
    assertTrue(subjects.get(id).isCasebookLocked());
  }

  @Test
  public void anEventIsSignedFromItsOwnPage() throws Exception {
    long event = c.screening().getId();
    String page = mvc.perform(get("/subjects/" + id + "/sign").param("event", String.valueOf(event)).with(user(inv)))
        .andExpect(content().string(containsString("I have reviewed the records of this event")))
        .andReturn().getResponse().getContentAsString();
    Matcher m = Pattern.compile("name=\"hash\" value=\"([0-9a-f]{64})\"").matcher(page);
    assertTrue(m.find());
    mvc.perform(post("/subjects/" + id + "/sign").with(user(inv)).with(csrf())
            .param("event", String.valueOf(event)).param("hash", m.group(1)).param("password", PASSWORD))
        .andExpect(redirectedUrl("/subjects/" + id));
    Signature s = signatures.signaturesOf(inv, id).get(0).signature();
    assertEquals(Long.valueOf(event), s.getStudyEventId());
  }
}
