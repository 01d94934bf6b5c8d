package jp.ac.umin.libreclinica.web.security;

import java.util.List;

/** A message for the sign-in page: a message key and its arguments. */
public record LoginProblem(String messageKey, List<Object> args) {

  public LoginProblem {
    args = List.copyOf(args);
  }

  public static LoginProblem of(String messageKey, Object... args) {
    return new LoginProblem(messageKey, List.of(args));
  }
}
