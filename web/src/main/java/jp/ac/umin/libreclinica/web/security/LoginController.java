package jp.ac.umin.libreclinica.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page: the local form and the buttons of the sign-on extensions, if any. */
@Controller
public class LoginController {

  private final ObjectProvider<SignOnExtension> extensions;

  public LoginController(ObjectProvider<SignOnExtension> extensions) {
    this.extensions = extensions;
  }

  @GetMapping("/login")
  public String login(
      HttpServletRequest request, @RequestParam(required = false) String problem, Model model) {
    List<SignOnExtension> all = extensions.orderedStream().toList();
    model.addAttribute("signOnButtons", all.stream().flatMap(e -> e.buttons().stream()).toList());
    model.addAttribute("localForm", all.stream().allMatch(e -> e.showsLocalForm(request)));
    Optional<LoginProblem> found =
        problem == null
            ? Optional.empty()
            : all.stream().map(e -> e.problem(problem)).flatMap(Optional::stream).findFirst();
    model.addAttribute("loginProblem", found.orElse(null));
    return "login";
  }
}
