package jp.ac.umin.libreclinica.core.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.AccountValidationException.FieldProblem;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The password rules, set with {@code lc.password.*}: minimum length, required character
 * classes, how many earlier passwords may not be taken again, and after how many days a
 * password expires (0 = never).
 */
@ConfigurationProperties(prefix = "lc.password")
public class PasswordPolicy {

  /** BCrypt reads at most 72 bytes; longer passwords would be silently cut. */
  public static final int MAX_BYTES = 72;

  /** A kind of character a password may be required to contain. */
  public enum CharacterClass {
    UPPER,
    LOWER,
    DIGIT,
    SYMBOL;

    boolean matches(int codePoint) {
      return switch (this) {
        case UPPER -> Character.isUpperCase(codePoint);
        case LOWER -> Character.isLowerCase(codePoint);
        case DIGIT -> Character.isDigit(codePoint);
        case SYMBOL -> !Character.isLetterOrDigit(codePoint) && !Character.isWhitespace(codePoint);
      };
    }

    String missingKey() {
      return "password.policy.missing" + name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
  }

  private int minLength = 12;
  private Set<CharacterClass> requiredClasses =
      EnumSet.of(CharacterClass.UPPER, CharacterClass.LOWER, CharacterClass.DIGIT);
  private int historyCount = 5;
  private int expiryDays = 180;

  /**
   * What is wrong with {@code password} for the account {@code userName}, each problem on
   * {@code field}; empty when the password is acceptable. Reuse is checked by the service.
   */
  public List<FieldProblem> check(String userName, String password, String field) {
    List<FieldProblem> problems = new ArrayList<>();
    String pw = password == null ? "" : password;
    if (pw.codePointCount(0, pw.length()) < minLength) {
      problems.add(new FieldProblem(field, "password.policy.tooShort", minLength));
    }
    if (pw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      problems.add(new FieldProblem(field, "password.policy.tooLong", MAX_BYTES));
    }
    for (CharacterClass c : CharacterClass.values()) {
      if (requiredClasses.contains(c) && pw.codePoints().noneMatch(c::matches)) {
        problems.add(new FieldProblem(field, c.missingKey()));
      }
    }
    // Very short names would forbid half the alphabet; three characters make a real hint.
    if (userName != null
        && userName.strip().length() >= 3
        && pw.toLowerCase(Locale.ROOT).contains(userName.toLowerCase(Locale.ROOT))) {
      problems.add(new FieldProblem(field, "password.policy.containsUserName"));
    }
    return problems;
  }

  public int getMinLength() {
    return minLength;
  }

  public void setMinLength(int minLength) {
    this.minLength = Math.max(1, minLength);
  }

  public Set<CharacterClass> getRequiredClasses() {
    return requiredClasses;
  }

  public void setRequiredClasses(Set<CharacterClass> requiredClasses) {
    this.requiredClasses =
        requiredClasses == null || requiredClasses.isEmpty()
            ? EnumSet.noneOf(CharacterClass.class)
            : EnumSet.copyOf(requiredClasses);
  }

  public int getHistoryCount() {
    return historyCount;
  }

  public void setHistoryCount(int historyCount) {
    this.historyCount = Math.max(0, historyCount);
  }

  public int getExpiryDays() {
    return expiryDays;
  }

  public void setExpiryDays(int expiryDays) {
    this.expiryDays = Math.max(0, expiryDays);
  }
}
