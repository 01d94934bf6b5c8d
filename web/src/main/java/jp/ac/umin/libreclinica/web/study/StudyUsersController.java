package jp.ac.umin.libreclinica.web.study;

import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountException;
import jp.ac.umin.libreclinica.core.account.Role;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyUserRow;
import jp.ac.umin.libreclinica.core.study.StudyUserService;
import jp.ac.umin.libreclinica.core.study.Workplace;
import jp.ac.umin.libreclinica.web.account.FormErrors;
import jp.ac.umin.libreclinica.web.admin.RemoveForm;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The people of a study: who holds which role at the study and its sites, and assigning,
 * changing, removing and restoring roles. Every decision is {@link StudyUserService}'s.
 */
@Controller
@RequestMapping("/studies/{id}/users")
public class StudyUsersController {

  static final int PAGE_SIZE = 25;

  private final StudyUserService people;
  private final StudyService studies;
  private final MessageSource messages;

  public StudyUsersController(StudyUserService people, StudyService studies, MessageSource messages) {
    this.people = people;
    this.studies = studies;
    this.messages = messages;
  }

  @GetMapping
  public String list(
      @PathVariable long id,
      @RequestParam(defaultValue = "0") int page,
      Principal user,
      Model model) {
    Study study = studies.get(id);
    if (study.isSite()) {
      return "redirect:/studies/" + study.getParent().getId() + "/users";
    }
    model.addAttribute(
        "users",
        people.users(
            user.getName(),
            id,
            PageRequest.of(Math.max(0, page), PAGE_SIZE, Sort.by("studyId").and(Sort.by("id")))));
    model.addAttribute("study", studies.view(user.getName(), id));
    return "study/users";
  }

  /**
   * The assignment page in steps: search an account, choose the study or a site, then a role
   * of the level that fits where (study-level roles at the study, site-level roles at a site).
   */
  @GetMapping("/assign")
  public String assignForm(
      @PathVariable long id,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String userName,
      @RequestParam(required = false) Long target,
      Principal user,
      Model model) {
    AssignRoleForm form = new AssignRoleForm();
    form.setUserName(userName);
    form.setTarget(target);
    model.addAttribute("assignForm", form);
    model.addAttribute("q", q);
    if (q != null && !q.isBlank()) {
      model.addAttribute("candidates", people.candidates(user.getName(), id, q));
    }
    return assignPage(id, user, model, form);
  }

  @PostMapping
  public String assign(
      @PathVariable long id,
      @Valid @ModelAttribute("assignForm") AssignRoleForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    if (!binding.hasErrors()) {
      try {
        people.assign(user.getName(), id, form.getUserName(), form.getTarget(), form.getRole());
        redirect.addFlashAttribute(
            "flash",
            text("studyUsers.assigned", form.getUserName(), text(form.getRole().messageKey())));
        return "redirect:/studies/" + id + "/users";
      } catch (AccountException e) {
        FormErrors.apply(e, binding);
      } catch (StudyException e) {
        binding.reject(e.messageKey(), e.arguments(), e.messageKey());
      }
    }
    return assignPage(id, user, model, form);
  }

  @GetMapping("/{roleId}/change")
  public String changeForm(
      @PathVariable long id, @PathVariable long roleId, Principal user, Model model) {
    StudyUserRow row = people.user(user.getName(), id, roleId);
    ChangeRoleForm form = new ChangeRoleForm();
    form.setRole(row.role());
    model.addAttribute("changeForm", form);
    return changePage(id, user, model, row);
  }

  @PostMapping("/{roleId}/change")
  public String change(
      @PathVariable long id,
      @PathVariable long roleId,
      @Valid @ModelAttribute("changeForm") ChangeRoleForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyUserRow row = people.user(user.getName(), id, roleId);
    if (!binding.hasErrors()) {
      try {
        people.change(user.getName(), id, roleId, form.getRole());
        redirect.addFlashAttribute(
            "flash", text("studyUsers.changed", row.userName(), text(form.getRole().messageKey())));
        return "redirect:/studies/" + id + "/users";
      } catch (AccountException e) {
        FormErrors.apply(e, binding);
      }
    }
    return changePage(id, user, model, row);
  }

  @GetMapping("/{roleId}/remove")
  public String removeForm(
      @PathVariable long id, @PathVariable long roleId, Principal user, Model model) {
    model.addAttribute("removeForm", new RemoveForm());
    return removePage(id, user, model, people.user(user.getName(), id, roleId));
  }

  @PostMapping("/{roleId}/remove")
  public String remove(
      @PathVariable long id,
      @PathVariable long roleId,
      @Valid @ModelAttribute("removeForm") RemoveForm form,
      BindingResult binding,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    StudyUserRow row = people.user(user.getName(), id, roleId);
    if (!binding.hasErrors()) {
      try {
        people.remove(user.getName(), id, roleId, form.getReason());
        redirect.addFlashAttribute(
            "flash", text("studyUsers.removed", row.userName(), text(row.role().messageKey())));
        return "redirect:/studies/" + id + "/users";
      } catch (AccountException e) {
        FormErrors.apply(e, binding);
      }
    }
    return removePage(id, user, model, row);
  }

  @PostMapping("/{roleId}/restore")
  public String restore(
      @PathVariable long id,
      @PathVariable long roleId,
      Principal user,
      RedirectAttributes redirect) {
    StudyUserRow row = people.user(user.getName(), id, roleId);
    try {
      people.restore(user.getName(), id, roleId);
      redirect.addFlashAttribute(
          "flash", text("studyUsers.restored", row.userName(), text(row.role().messageKey())));
    } catch (AccountException e) {
      redirect.addFlashAttribute("flash", text(e.messageKey(), e.args()));
    }
    return "redirect:/studies/" + id + "/users";
  }

  private String assignPage(long id, Principal user, Model model, AssignRoleForm form) {
    model.addAttribute("study", studies.view(user.getName(), id));
    List<Workplace> targets = people.targets(user.getName(), id);
    model.addAttribute("targets", targets);
    Workplace chosen =
        targets.stream()
            .filter(t -> form.getTarget() != null && t.studyId() == form.getTarget())
            .findFirst()
            .orElse(null);
    model.addAttribute("chosenTarget", chosen);
    model.addAttribute(
        "roles", chosen == null ? List.<Role>of() : people.rolesFor(chosen.studyId()));
    return "study/user-assign";
  }

  private String changePage(long id, Principal user, Model model, StudyUserRow row) {
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("row", row);
    model.addAttribute("roles", Role.at(row.role().level()));
    return "study/user-change";
  }

  private String removePage(long id, Principal user, Model model, StudyUserRow row) {
    model.addAttribute("study", studies.view(user.getName(), id));
    model.addAttribute("row", row);
    return "study/user-remove";
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
