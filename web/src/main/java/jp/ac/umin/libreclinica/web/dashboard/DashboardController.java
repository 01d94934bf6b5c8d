package jp.ac.umin.libreclinica.web.dashboard;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.dashboard.StudyDashboardService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The study's (or site's) dashboard: charts drawn from tables that screen readers read. */
@Controller
public class DashboardController {

  private final StudyDashboardService dashboards;

  public DashboardController(StudyDashboardService dashboards) {
    this.dashboards = dashboards;
  }

  @GetMapping("/studies/{id}/dashboard")
  public String dashboard(@PathVariable long id, Principal user, Model model) {
    model.addAttribute("d", dashboards.dashboard(user.getName(), id));
    return "dashboard/study";
  }
}
