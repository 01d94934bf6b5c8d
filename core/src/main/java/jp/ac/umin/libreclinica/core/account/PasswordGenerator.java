package jp.ac.umin.libreclinica.core.account;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Strong random one-time passwords: at least 20 characters (or the policy's minimum), with an
 * upper-case letter, a lower-case letter, a digit and a symbol. Look-alike characters
 * (0/O, 1/l/I) are left out because administrators read these passwords out to people.
 */
@Component
public class PasswordGenerator {

  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGIT = "23456789";
  private static final String SYMBOL = "!#%+=?@_-";
  private static final String ALL = UPPER + LOWER + DIGIT + SYMBOL;
  private static final int MIN_LENGTH = 20;

  private final SecureRandom random = new SecureRandom();

  /** A new password with every character class, at least as long as {@code policy} asks. */
  public String generate(PasswordPolicy policy) {
    int length = Math.max(MIN_LENGTH, policy.getMinLength());
    List<Character> chars = new ArrayList<>(length);
    chars.add(pick(UPPER));
    chars.add(pick(LOWER));
    chars.add(pick(DIGIT));
    chars.add(pick(SYMBOL));
    while (chars.size() < length) {
      chars.add(pick(ALL));
    }
    Collections.shuffle(chars, random);
    StringBuilder sb = new StringBuilder(length);
    chars.forEach(sb::append);
    return sb.toString();
  }

  private char pick(String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
