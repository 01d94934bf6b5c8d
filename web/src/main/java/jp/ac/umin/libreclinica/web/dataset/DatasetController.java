package jp.ac.umin.libreclinica.web.dataset;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.dataset.Dataset;
import jp.ac.umin.libreclinica.core.dataset.DatasetException;
import jp.ac.umin.libreclinica.core.dataset.DatasetInput;
import jp.ac.umin.libreclinica.core.dataset.DatasetSchedule;
import jp.ac.umin.libreclinica.core.dataset.DatasetService;
import jp.ac.umin.libreclinica.core.dataset.DatasetStatus;
import jp.ac.umin.libreclinica.core.dataset.ScheduleFrequency;
import jp.ac.umin.libreclinica.core.extract.ExtractFormat;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec;
import jp.ac.umin.libreclinica.core.job.BackgroundJob;
import jp.ac.umin.libreclinica.core.job.JobException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectStatus;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Datasets of a study or site: the list (a page at a time), the form choosing events, CRFs and
 * items, copy, remove and restore with a reason, and the dataset's page where extracts are run
 * per format, followed (the page reloads itself while one runs), downloaded and removed, and
 * where a schedule is set. Every decision is the {@link DatasetService}'s.
 */
@Controller
public class DatasetController {

  static final int PAGE_SIZE = 20;

  private final DatasetService datasets;
  private final StudyService studies;
  private final MessageSource messages;

  public DatasetController(DatasetService datasets, StudyService studies, MessageSource messages) {
    this.datasets = datasets;
    this.studies = studies;
    this.messages = messages;
  }

  private static String base(long id) {
    return "/studies/" + id + "/datasets";
  }

  @GetMapping("/studies/{id}/datasets")
  public String list(
      @PathVariable long id,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "false") boolean removed,
      Principal user,
      Model model) {
    model.addAttribute("datasets", datasets.list(user.getName(), id, removed,
        PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by("name", "id"))));
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("withRemoved", removed);
    return "dataset/list";
  }

  @GetMapping("/studies/{id}/datasets/new")
  public String newForm(@PathVariable long id, Principal user, Model model) {
    return form(id, null, DatasetForm.of(DatasetInput.named(""), 0), user, model);
  }

  private String form(long id, Dataset dataset, DatasetForm form, Principal user, Model model) {
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("choices", datasets.choices(user.getName(), id));
    model.addAttribute("dataset", dataset);
    model.addAttribute("form", form);
    model.addAttribute("subjectAttributes", ExtractSpec.SubjectAttribute.values());
    model.addAttribute("eventAttributes", ExtractSpec.EventAttribute.values());
    model.addAttribute("formAttributes", ExtractSpec.FormAttribute.values());
    model.addAttribute("subjectStatuses", SubjectStatus.values());
    return "dataset/form";
  }

  @PostMapping("/studies/{id}/datasets")
  public String create(
      @PathVariable long id,
      @ModelAttribute("form") DatasetForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes flash) {
    if (!binding.hasErrors()) {
      try {
        Dataset d = datasets.define(user.getName(), id, form.toInput());
        flash.addFlashAttribute("message", "datasetweb.created");
        return "redirect:" + base(id) + "/" + d.getId();
      } catch (DatasetException e) {
        reject(binding, e);
      }
    }
    return form(id, null, form, user, model);
  }

  @GetMapping("/studies/{id}/datasets/{datasetId}/edit")
  public String editForm(@PathVariable long id, @PathVariable long datasetId, Principal user, Model model) {
    Dataset d = datasets.viewAt(user.getName(), id, datasetId);
    return form(id, d, DatasetForm.of(d.input(), d.getVersion()), user, model);
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/edit")
  public String edit(
      @PathVariable long id,
      @PathVariable long datasetId,
      @ModelAttribute("form") DatasetForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes flash) {
    Dataset d = datasets.viewAt(user.getName(), id, datasetId);
    if (!binding.hasErrors()) {
      try {
        datasets.edit(user.getName(), datasetId, form.getVersion(), form.toInput());
        flash.addFlashAttribute("message", "datasetweb.saved");
        return "redirect:" + base(id) + "/" + datasetId;
      } catch (DatasetException e) {
        reject(binding, e);
      }
    }
    return form(id, d, form, user, model);
  }

  private static void reject(BindingResult binding, DatasetException e) {
    String field = e.field();
    if (field != null && binding.getFieldType(field) != null) {
      binding.rejectValue(field, e.messageKey(), e.arguments(), e.messageKey());
    } else {
      binding.reject(e.messageKey(), e.arguments(), e.messageKey());
    }
  }

  @GetMapping("/studies/{id}/datasets/{datasetId}")
  public String view(@PathVariable long id, @PathVariable long datasetId, Principal user, Model model) {
    Dataset d = datasets.viewAt(user.getName(), id, datasetId);
    List<BackgroundJob> extracts = datasets.extracts(user.getName(), datasetId);
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("dataset", d);
    model.addAttribute("extracts", extracts);
    model.addAttribute("running", extracts.stream().anyMatch(j -> !j.getStatus().finished()));
    model.addAttribute("notices", datasets.notices(user.getName(), datasetId));
    model.addAttribute("formats", ExtractFormat.values());
    model.addAttribute("frequencies", ScheduleFrequency.values());
    model.addAttribute("days", DayOfWeek.values());
    model.addAttribute("schedule", d.getSchedule());
    return "dataset/view";
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/extracts")
  public String extract(
      @PathVariable long id,
      @PathVariable long datasetId,
      @RequestParam(required = false) ExtractFormat format,
      Principal user,
      Locale locale,
      RedirectAttributes flash) {
    datasets.viewAt(user.getName(), id, datasetId);
    try {
      datasets.startExtract(user.getName(), datasetId, id, format, locale);
      flash.addFlashAttribute("message", "datasetweb.extract.started");
    } catch (DatasetException e) {
      flash.addFlashAttribute("error", text(e.messageKey(), e.arguments(), locale));
    }
    return "redirect:" + base(id) + "/" + datasetId;
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/extracts/{jobId}/cancel")
  public String cancel(
      @PathVariable long id, @PathVariable long datasetId, @PathVariable long jobId, Principal user,
      Locale locale, RedirectAttributes flash) {
    datasets.viewAt(user.getName(), id, datasetId);
    try {
      datasets.cancelExtract(user.getName(), jobId);
      flash.addFlashAttribute("message", "datasetweb.extract.cancelAsked");
    } catch (JobException e) {
      flash.addFlashAttribute("error", text(e.messageKey(), e.arguments(), locale));
    }
    return "redirect:" + base(id) + "/" + datasetId;
  }

  @GetMapping("/studies/{id}/datasets/{datasetId}/extracts/{jobId}/file")
  public void download(
      @PathVariable long id, @PathVariable long datasetId, @PathVariable long jobId, Principal user,
      HttpServletResponse response) throws IOException {
    datasets.viewAt(user.getName(), id, datasetId);
    BackgroundJob job = datasets.extract(user.getName(), jobId);
    Path file = datasets.extractFile(user.getName(), jobId);
    response.setContentType("application/zip");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(job.getFileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString());
    response.setContentLengthLong(Files.size(file));
    Files.copy(file, response.getOutputStream());
  }

  @GetMapping("/studies/{id}/datasets/{datasetId}/extracts/{jobId}/removal")
  public String confirmExtractRemoval(
      @PathVariable long id, @PathVariable long datasetId, @PathVariable long jobId, Principal user, Model model) {
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("dataset", datasets.viewAt(user.getName(), id, datasetId));
    model.addAttribute("job", datasets.extract(user.getName(), jobId));
    return "dataset/extract-removal";
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/extracts/{jobId}/removal")
  public String removeExtract(
      @PathVariable long id, @PathVariable long datasetId, @PathVariable long jobId,
      @RequestParam(defaultValue = "") String reason, Principal user, Model model, Locale locale,
      RedirectAttributes flash) {
    datasets.viewAt(user.getName(), id, datasetId);
    try {
      datasets.removeExtract(user.getName(), jobId, reason);
      flash.addFlashAttribute("message", "datasetweb.extract.removed");
      return "redirect:" + base(id) + "/" + datasetId;
    } catch (DatasetException | JobException e) {
      model.addAttribute("error", text(e.messageKey(), e.arguments(), locale));
      return confirmExtractRemoval(id, datasetId, jobId, user, model);
    }
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/schedule")
  public String schedule(
      @PathVariable long id,
      @PathVariable long datasetId,
      @RequestParam(defaultValue = "NONE") ScheduleFrequency frequency,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime time,
      @RequestParam(required = false) DayOfWeek day,
      @RequestParam(required = false) ExtractFormat format,
      Principal user,
      Locale locale,
      RedirectAttributes flash) {
    datasets.viewAt(user.getName(), id, datasetId);
    try {
      datasets.schedule(user.getName(), datasetId, id, new DatasetSchedule(frequency, time, day, format), locale);
      flash.addFlashAttribute("message", "datasetweb.schedule.saved");
    } catch (DatasetException e) {
      flash.addFlashAttribute("error", text(e.messageKey(), e.arguments(), locale));
    }
    return "redirect:" + base(id) + "/" + datasetId;
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/notices/{noticeId}/dismiss")
  public String dismiss(
      @PathVariable long id, @PathVariable long datasetId, @PathVariable long noticeId, Principal user) {
    datasets.viewAt(user.getName(), id, datasetId);
    datasets.dismissNotice(user.getName(), noticeId);
    return "redirect:" + base(id) + "/" + datasetId;
  }

  @GetMapping("/studies/{id}/datasets/{datasetId}/copy")
  public String copyForm(@PathVariable long id, @PathVariable long datasetId, Principal user, Model model, Locale locale) {
    Dataset d = datasets.viewAt(user.getName(), id, datasetId);
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("dataset", d);
    if (!model.containsAttribute("name")) {
      model.addAttribute("name", text("datasetweb.copy.defaultName", new Object[] {d.getName()}, locale));
    }
    return "dataset/copy";
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/copy")
  public String copy(
      @PathVariable long id, @PathVariable long datasetId, @RequestParam(defaultValue = "") String name,
      Principal user, Model model, Locale locale, RedirectAttributes flash) {
    datasets.viewAt(user.getName(), id, datasetId);
    try {
      Dataset copy = datasets.copy(user.getName(), datasetId, name);
      flash.addFlashAttribute("message", "datasetweb.copied");
      return "redirect:" + base(id) + "/" + copy.getId();
    } catch (DatasetException e) {
      model.addAttribute("name", name);
      model.addAttribute("error", text(e.messageKey(), e.arguments(), locale));
      return copyForm(id, datasetId, user, model, locale);
    }
  }

  @GetMapping("/studies/{id}/datasets/{datasetId}/removal")
  public String confirmRemoval(@PathVariable long id, @PathVariable long datasetId, Principal user, Model model) {
    Dataset d = datasets.viewAt(user.getName(), id, datasetId);
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("dataset", d);
    model.addAttribute("action", d.getStatus() == DatasetStatus.REMOVED ? "restore" : "remove");
    return "dataset/removal";
  }

  @PostMapping("/studies/{id}/datasets/{datasetId}/removal")
  public String removal(
      @PathVariable long id, @PathVariable long datasetId, @RequestParam(defaultValue = "") String reason,
      Principal user, Model model, Locale locale, RedirectAttributes flash) {
    Dataset d = datasets.viewAt(user.getName(), id, datasetId);
    try {
      if (d.isRemoved()) {
        datasets.restore(user.getName(), datasetId, reason);
        flash.addFlashAttribute("message", "datasetweb.restored");
        return "redirect:" + base(id) + "/" + datasetId;
      }
      datasets.remove(user.getName(), datasetId, reason);
      flash.addFlashAttribute("message", "datasetweb.removed");
      return "redirect:" + base(id);
    } catch (DatasetException e) {
      model.addAttribute("error", text(e.messageKey(), e.arguments(), locale));
      return confirmRemoval(id, datasetId, user, model);
    }
  }

  private String text(String key, Object[] args, Locale locale) {
    return messages.getMessage(key, args, key, locale);
  }
}
