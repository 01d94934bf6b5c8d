package jp.ac.umin.libreclinica.core.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.PasswordPolicy.CharacterClass;
import org.junit.Test;

public class PasswordGeneratorTest {

  private final PasswordGenerator generator = new PasswordGenerator();

  @Test
  public void generatedPasswordsMeetTheStrictestPolicy() {
    PasswordPolicy strict = new PasswordPolicy();
    strict.setRequiredClasses(EnumSet.allOf(CharacterClass.class));
    for (int i = 0; i < 200; i++) {
      String pw = generator.generate(strict);
      assertTrue(pw, pw.length() >= 20);
      assertEquals(pw, List.of(), strict.check("x", pw, "pw"));
    }
  }

  @Test
  public void followsALongerMinimumLength() {
    PasswordPolicy policy = new PasswordPolicy();
    policy.setMinLength(32);
    assertEquals(32, generator.generate(policy).length());
  }

  @Test
  public void generatesDifferentPasswords() {
    PasswordPolicy policy = new PasswordPolicy();
    assertNotEquals(generator.generate(policy), generator.generate(policy));
  }
}
