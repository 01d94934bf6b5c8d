package jp.ac.umin.libreclinica.web.study;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The study parameters page. For a site, only what a site may override can be changed; the
 * rest is shown as the study sets it (and the service enforces it whatever is posted).
 */
@Controller
public class StudyParametersController {

  private final StudyService studies;
  private final MessageSource messages;

  public StudyParametersController(StudyService studies, MessageSource messages) {
    this.studies = studies;
    this.messages = messages;
  }

  @ModelAttribute("usages")
  public List<StudyParameters.Usage> usages() {
    return Arrays.asList(StudyParameters.Usage.values());
  }

  @ModelAttribute("idGenerations")
  public List<StudyParameters.SubjectIdGeneration> idGenerations() {
    return Arrays.asList(StudyParameters.SubjectIdGeneration.values());
  }

  @ModelAttribute("birthDates")
  public List<StudyParameters.DateOfBirth> birthDates() {
    return Arrays.asList(StudyParameters.DateOfBirth.values());
  }

  @ModelAttribute("prefills")
  public List<StudyParameters.Prefill> prefills() {
    return Arrays.asList(StudyParameters.Prefill.values());
  }

  @GetMapping("/studies/{id}/parameters")
  public String show(@PathVariable long id, Principal user, Model model) {
    Study study = studies.view(user.getName(), id);
    studies.requireBuilder(user.getName(), id);
    model.addAttribute("study", study);
    model.addAttribute("form", study.getParameters().copy());
    model.addAttribute("version", study.getVersion());
    model.addAttribute("siteOnly", StudyParameters.SITE_OVERRIDABLE);
    return "study/parameters";
  }

  @PostMapping("/studies/{id}/parameters")
  public String save(
      @PathVariable long id,
      @ModelAttribute("form") StudyParameters form,
      @RequestParam long version,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    Study study = studies.view(user.getName(), id);
    try {
      studies.updateParameters(id, version, form, user.getName());
    } catch (StudyException e) {
      model.addAttribute("study", study);
      model.addAttribute("version", version);
      model.addAttribute("siteOnly", StudyParameters.SITE_OVERRIDABLE);
      model.addAttribute(
          "error", messages.getMessage(e.messageKey(), e.arguments(), LocaleContextHolder.getLocale()));
      return "study/parameters";
    }
    redirect.addFlashAttribute(
        "flash",
        messages.getMessage("parameters.saved", new Object[] {study.getProtocolId()}, LocaleContextHolder.getLocale()));
    return "redirect:/studies/" + id;
  }
}
