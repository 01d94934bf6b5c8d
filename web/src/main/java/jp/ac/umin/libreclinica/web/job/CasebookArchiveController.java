package jp.ac.umin.libreclinica.web.job;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.casebook.CasebookArchiveWork;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.BackgroundJobService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The casebooks of a study or site as one zip, made in the background: ask for one, follow its
 * progress (the page reloads itself while a job runs), cancel, run again, download.
 */
@Controller
public class CasebookArchiveController {

  private final BackgroundJobService jobs;
  private final StudyService studies;

  public CasebookArchiveController(BackgroundJobService jobs, StudyService studies) {
    this.jobs = jobs;
    this.studies = studies;
  }

  @GetMapping("/studies/{id}/casebooks")
  public String page(@PathVariable long id, Principal user, Model model) {
    List<BackgroundJob> list = jobs.list(user.getName(), id, CasebookArchiveWork.KIND);
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("jobs", list);
    model.addAttribute("running", list.stream().anyMatch(j -> !j.getStatus().finished()));
    return "job/casebooks";
  }

  @PostMapping("/studies/{id}/casebooks")
  public String submit(
      @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean audit,
      Principal user,
      Locale locale,
      RedirectAttributes flash) {
    jobs.submit(user.getName(), CasebookArchiveWork.KIND, id, "audit=" + audit, locale);
    flash.addFlashAttribute("message", "jobweb.submitted");
    return "redirect:/studies/" + id + "/casebooks";
  }

  @PostMapping("/jobs/{id}/cancel")
  public String cancel(@PathVariable long id, Principal user, RedirectAttributes flash) {
    BackgroundJob job = jobs.cancel(user.getName(), id);
    flash.addFlashAttribute("message", "jobweb.cancelAsked");
    return "redirect:/studies/" + job.getStudyId() + "/casebooks";
  }

  @PostMapping("/jobs/{id}/rerun")
  public String rerun(@PathVariable long id, Principal user, RedirectAttributes flash) {
    BackgroundJob job = jobs.rerun(user.getName(), id);
    flash.addFlashAttribute("message", "jobweb.submitted");
    return "redirect:/studies/" + job.getStudyId() + "/casebooks";
  }

  @GetMapping("/jobs/{id}/download")
  public void download(@PathVariable long id, Principal user, HttpServletResponse response) throws IOException {
    BackgroundJob job = jobs.view(user.getName(), id);
    Path file = jobs.file(user.getName(), id);
    response.setContentType("application/zip");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(job.getFileName()).build().toString());
    response.setContentLengthLong(Files.size(file));
    Files.copy(file, response.getOutputStream());
  }
}
