package jp.ac.umin.libreclinica.web.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.webtest.WebTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.test.web.servlet.MockMvc;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@Import(DataCaptureFixture.class)
public class DashboardPageTest {

  @Autowired private MockMvc mvc;
  @Autowired private DataCaptureFixture fixture;

  @Test
  public void theDashboardShowsTheCountsAsTablesWithChartsDrawnFromThem() throws Exception {
    Captured c = fixture.completed(false);
    mvc.perform(get("/studies/" + c.study().study().getId() + "/dashboard").with(user(c.dataManager())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"t-sites\"")))
        .andExpect(content().string(containsString("大阪施設")))
        .andExpect(content().string(containsString("data-table=\"t-enrollment\"")))
        .andExpect(content().string(containsString("<th scope=\"row\">2026-04</th>")))
        .andExpect(content().string(containsString("id=\"t-queries\"")))
        .andExpect(content().string(containsString("id=\"t-sdv\"")))
        .andExpect(content().string(containsString("/webjars/echarts/5.3.1/dist/echarts.min.js")));
    mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js").with(user(c.dataManager())))
        .andExpect(status().isOk());
    mvc.perform(get("/js/dashboard.js").with(user(c.dataManager()))).andExpect(status().isOk());
  }

  @Test
  public void aSiteUserSeesTheirSiteOnlyAndNotAnotherSite() throws Exception {
    Captured c = fixture.completed(false);
    mvc.perform(get("/studies/" + c.study().siteB().getId() + "/dashboard").with(user(c.investigator())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("大阪施設")));
    mvc.perform(get("/studies/" + c.study().siteB().getId() + "/dashboard").with(user(c.study().crcA())))
        .andExpect(status().isForbidden());
  }
}
