package jp.ac.umin.libreclinica.web.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import jp.ac.umin.libreclinica.core.audit.AuditEvent;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
public class AuditLogPageTest {

  @Autowired MockMvc mvc;
  @Autowired AuditService audit;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  private static RequestPostProcessor techAdmin() {
    return user("root-" + UUID.randomUUID()).roles("TECH_ADMIN");
  }

  private void record(String actor, String action, String entityId, String newValue) {
    tx.executeWithoutResult(
        s ->
            audit.record(
                AuditEvent.of(action, "page-test", entityId)
                    .withActor(actor)
                    .withNewValue(newValue)));
  }

  @Test
  public void administratorsSeeRecordsNewestFirst() throws Exception {
    String actor = "p-" + UUID.randomUUID();
    record(actor, "test.first", "1", "first-value");
    record(actor, "test.second", "2", "second-value");
    String html =
        mvc.perform(get("/admin/audit").param("actor", actor).with(techAdmin()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertTrue(html.indexOf("second-value") > 0);
    assertTrue(html.indexOf("second-value") < html.indexOf("first-value"));
    mvc.perform(get("/admin/audit").param("actor", actor)
            .with(user("sysadmin").roles("BUSINESS_ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("first-value")));
  }

  @Test
  public void ordinaryUsersAreForbiddenAndAnonymousUsersSentToSignIn() throws Exception {
    mvc.perform(get("/admin/audit").with(user("someone").roles("USER")))
        .andExpect(status().isForbidden());
    mvc.perform(post("/admin/audit/verify").with(csrf()).with(user("someone").roles("USER")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/audit")).andExpect(redirectedUrlPattern("**/login"));
  }

  @Test
  public void filtersByActionAndEntity() throws Exception {
    String actor = "f-" + UUID.randomUUID();
    record(actor, "test.keep", "a", "kept-value");
    record(actor, "test.drop", "b", "dropped-value");
    mvc.perform(get("/admin/audit").param("actor", actor).param("action", "test.keep")
            .with(techAdmin()))
        .andExpect(content().string(containsString("kept-value")))
        .andExpect(content().string(not(containsString("dropped-value"))));
    mvc.perform(get("/admin/audit").param("entityType", "page-test").param("entityId", "b")
            .param("actor", actor).with(techAdmin()))
        .andExpect(content().string(containsString("dropped-value")))
        .andExpect(content().string(not(containsString("kept-value"))));
  }

  @Test
  public void pagesHoldFiftyRecords() throws Exception {
    String actor = "g-" + UUID.randomUUID();
    for (int i = 0; i < 52; i++) {
      record(actor, "test.page", "e" + i, "value-" + i + "-end");
    }
    mvc.perform(get("/admin/audit").param("actor", actor).with(techAdmin()))
        .andExpect(content().string(containsString("value-51-end")))
        .andExpect(content().string(containsString("value-2-end")))
        .andExpect(content().string(not(containsString("value-1-end"))))
        .andExpect(content().string(containsString("Page 1 of 2")))
        .andExpect(content().string(containsString("id=\"page-older\"")));
    mvc.perform(get("/admin/audit").param("actor", actor).param("page", "1").with(techAdmin()))
        .andExpect(content().string(containsString("value-1-end")))
        .andExpect(content().string(containsString("value-0-end")))
        .andExpect(content().string(not(containsString("value-2-end"))));
  }

  @Test
  public void hostileValuesAreShownEscaped() throws Exception {
    String actor = "h-" + UUID.randomUUID();
    record(actor, "test.hostile", "x", "<script>alert('x')</script> 𠮷");
    mvc.perform(get("/admin/audit").param("actor", actor).with(techAdmin()))
        .andExpect(content().string(containsString("&lt;script&gt;")))
        .andExpect(content().string(not(containsString("<script>alert"))))
        .andExpect(content().string(containsString("𠮷")));
  }

  @Test
  public void anOverlongFilterGetsAFieldMessage() throws Exception {
    mvc.perform(get("/admin/audit").param("actor", "x".repeat(300)).with(techAdmin()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Enter at most 255 characters.")));
  }

  @Test
  public void verifyingAnIntactChainSaysSoAndRecordsWhoVerified() throws Exception {
    String admin = "v-" + UUID.randomUUID();
    mvc.perform(post("/admin/audit/verify").with(csrf()).with(user(admin).roles("TECH_ADMIN")))
        .andExpect(redirectedUrl("/admin/audit"))
        .andExpect(flash().attribute("chainIntact", true))
        .andExpect(flash().attribute("flash", containsString("The audit trail is intact")));
    AuditRecord r = audit.search(new AuditQuery(admin, "audit.verify", null, null),
        PageRequest.of(0, 1)).getContent().get(0);
    assertEquals(admin, r.actor());
    assertEquals("127.0.0.1", r.clientAddress());
  }

  @Test
  public void verifyingAfterTamperingNamesTheAlteredRecord() throws Exception {
    String actor = "t-" + UUID.randomUUID();
    record(actor, "test.tamper", "x", "original");
    long id = audit.search(new AuditQuery(actor, null, null, null), PageRequest.of(0, 1))
        .getContent().get(0).id();
    tamper("UPDATE audit_log SET new_value = 'forged' WHERE id = " + id);
    try {
      mvc.perform(post("/admin/audit/verify").with(csrf()).with(techAdmin()))
          .andExpect(flash().attribute("chainIntact", false))
          .andExpect(flash().attribute("flash",
              containsString("Audit record " + id + " has been altered")));
    } finally {
      tamper("UPDATE audit_log SET new_value = 'original' WHERE id = " + id);
    }
  }

  @Test
  public void verifyNeedsTheCsrfToken() throws Exception {
    mvc.perform(post("/admin/audit/verify").with(techAdmin())).andExpect(status().isForbidden());
  }

  private void tamper(String sql) {
    tx.executeWithoutResult(
        s -> {
          jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
          jdbc.execute(sql);
          jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
        });
  }
}
