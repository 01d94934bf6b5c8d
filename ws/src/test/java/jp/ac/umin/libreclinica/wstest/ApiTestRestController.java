package jp.ac.umin.libreclinica.wstest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail on purpose, to test the API's problem details. */
@RestController
public class ApiTestRestController {

  public record Echo(@NotBlank @Size(max = 10) String name) {}

  @PostMapping("/api/v1/test/echo")
  public Map<String, String> echo(@Valid @RequestBody Echo echo) {
    return Map.of("name", echo.name());
  }

  @GetMapping("/api/v1/test/boom")
  public String boom() {
    throw new IllegalStateException("secret internal detail");
  }

  @GetMapping("/api/v1/admin/test/ping")
  public String adminPing() {
    return "pong";
  }
}
