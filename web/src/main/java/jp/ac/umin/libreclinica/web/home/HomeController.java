package jp.ac.umin.libreclinica.web.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The page a user lands on after signing in. */
@Controller
public class HomeController {

  @GetMapping("/")
  public String home() {
    return "home";
  }
}
