package jp.ac.umin.libreclinica.web.study;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.GroupClassType;
import jp.ac.umin.libreclinica.core.study.StudyException;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages for a study's subject group classes (arms). */
@Controller
public class GroupClassController {

  private final GroupClassService groups;
  private final StudyService studies;
  private final MessageSource messages;

  public GroupClassController(
      GroupClassService groups, StudyService studies, MessageSource messages) {
    this.groups = groups;
    this.studies = studies;
    this.messages = messages;
  }

  @GetMapping("/studies/{studyId}/groups")
  public String list(@PathVariable long studyId, Principal user, Model model) {
    model.addAttribute("study", studies.view(user.getName(), studyId));
    model.addAttribute("classes", groups.list(user.getName(), studyId));
    model.addAttribute("types", Arrays.asList(GroupClassType.values()));
    model.addAttribute("assignments", Arrays.asList(SubjectGroupClass.Assignment.values()));
    return "study/groups";
  }

  @PostMapping("/studies/{studyId}/groups")
  public String create(
      @PathVariable long studyId,
      @RequestParam String name,
      @RequestParam GroupClassType type,
      @RequestParam SubjectGroupClass.Assignment assignment,
      @RequestParam String groupNames,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    try {
      groups.create(studyId, name, type, assignment, List.of(groupNames.split("\\R")), user.getName());
    } catch (StudyException e) {
      model.addAttribute("error", text(e.messageKey(), e.arguments()));
      model.addAttribute("name", name);
      model.addAttribute("groupNames", groupNames);
      return list(studyId, user, model);
    }
    redirect.addFlashAttribute("flash", text("group.created", name));
    return "redirect:/studies/" + studyId + "/groups";
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
