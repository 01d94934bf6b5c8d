package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountValidationException.FieldProblem;
import jp.ac.umin.libreclinica.core.account.PasswordPolicy.CharacterClass;
import org.junit.Test;

public class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  private List<String> keys(String userName, String password) {
    return policy.check(userName, password, "pw").stream().map(FieldProblem::messageKey).toList();
  }

  @Test
  public void defaultsAreTwelveCharactersWithUpperLowerAndDigit() {
    assertEquals(12, policy.getMinLength());
    assertEquals(
        EnumSet.of(CharacterClass.UPPER, CharacterClass.LOWER, CharacterClass.DIGIT),
        policy.getRequiredClasses());
    assertEquals(5, policy.getHistoryCount());
    assertEquals(180, policy.getExpiryDays());
  }

  @Test
  public void acceptsAPasswordMeetingEveryRule() {
    assertEquals(List.of(), keys("alice", "Correct-Horse-7"));
  }

  @Test
  public void namesEachMissingCharacterClass() {
    assertEquals(List.of("password.policy.missingUpper", "password.policy.missingDigit"), keys("bob", "onlylowercaseletters"));
    assertEquals(List.of("password.policy.missingLower"), keys("bob", "UPPERCASE-AND-1"));
    policy.setRequiredClasses(EnumSet.of(CharacterClass.SYMBOL));
    assertEquals(List.of("password.policy.missingSymbol"), keys("bob", "NoSymbolsHere1"));
  }

  @Test
  public void tooShortNamesTheMinimum() {
    List<FieldProblem> problems = policy.check("bob", "Short1a", "newPassword");
    assertEquals("password.policy.tooShort", problems.get(0).messageKey());
    assertEquals("newPassword", problems.get(0).field());
    assertArrayEquals(new Object[] {12}, problems.get(0).args());
  }

  @Test
  public void countsCharactersNotUtf16Units() {
    policy.setRequiredClasses(EnumSet.noneOf(CharacterClass.class));
    policy.setMinLength(3);
    // Two characters outside the BMP are four UTF-16 units but only two characters.
    assertEquals(List.of("password.policy.tooShort"), keys("bob", "𠮷𠮷"));
  }

  @Test
  public void refusesMoreThan72BytesBecauseBcryptWouldCutThem() {
    String japanese = "パスワード".repeat(5) + "Aa1"; // 25 × 3 bytes + 3
    assertTrue(keys("bob", japanese).contains("password.policy.tooLong"));
  }

  @Test
  public void refusesThePasswordContainingTheUserName() {
    assertEquals(List.of("password.policy.containsUserName"), keys("Carol", "my-carol-Passw0rd"));
  }

  @Test
  public void nullPasswordIsTooShortAndMissingEverything() {
    assertEquals(4, keys("bob", null).size());
  }
}
