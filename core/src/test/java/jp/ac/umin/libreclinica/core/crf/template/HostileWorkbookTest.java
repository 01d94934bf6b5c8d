package jp.ac.umin.libreclinica.core.crf.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.Test;

/**
 * Workbooks built to attack the reader: an .xlsx whose XML declares an external entity (XXE)
 * and one whose sheet inflates a thousandfold (zip bomb). Neither is read.
 */
public class HostileWorkbookTest {

  private static CrfTemplateResult read(byte[] bytes) {
    return CrfTemplateReader.read(bytes, "hostile.xlsx", TemplateLimits.DEFAULT, n -> Optional.empty());
  }

  /** Rewrites one entry of an .xlsx. */
  private static byte[] replaceEntry(byte[] xlsx, String name, java.util.function.UnaryOperator<String> change)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals(name)) {
          content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  public void externalEntitiesAreNeverResolved() throws IOException {
    Path secret = Files.createTempFile("crf-secret", ".txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    byte[] xlsx = CrfWorkbookBuilder.crf("XXE", "v1").section("S1", "One").item("Q1").done().xlsx();
    byte[] attack = replaceEntry(xlsx, "xl/sharedStrings.xml", xml -> xml
        .replaceFirst("\\?>", "?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>")
        .replace(">XXE<", ">&xxe;<"));
    CrfTemplateResult result = read(attack);
    assertThat(result.problems().toString()).doesNotContain("TOP-SECRET");
    if (result.definition() != null) {
      assertThat(result.definition().name()).doesNotContain("TOP-SECRET");
    } else {
      assertThat(result.errors()).extracting(TemplateProblem::messageKey).isNotEmpty();
    }
    Files.delete(secret);
  }

  @Test
  public void aZipBombIsRefused() throws IOException {
    byte[] xlsx = CrfWorkbookBuilder.crf("Bomb", "v1").section("S1", "One").item("Q1").done().xlsx();
    String padding = " ".repeat(20 * 1024 * 1024);
    byte[] bomb = replaceEntry(xlsx, "xl/worksheets/sheet1.xml", xml -> xml.replace("<sheetData>", padding + "<sheetData>"));
    assertThat(bomb.length).isLessThan(1024 * 1024);
    CrfTemplateResult result = read(bomb);
    assertFalse(result.errors().isEmpty());
    assertEquals("crf.file.unreadable", result.errors().get(0).messageKey());
  }

  @Test
  public void headersWithStarsSpacesAndOtherCaseReadTheSame() {
    CrfWorkbookBuilder plain = RealisticCrfs.vitalSigns("Headers", "v1");
    CrfWorkbookBuilder starred = RealisticCrfs.vitalSigns("Headers", "v1").starredHeaders()
        .renameHeader("Items", "ITEM_NAME", " item name ")
        .renameHeader("Items", "RESPONSE_VALUES_OR_CALCULATIONS", "Response_Values_Or_Calculations")
        .renameHeader("Groups", "GROUP_REPEAT_NUMBER", "GROUP_REPEAT_NUM");
    CrfTemplateResult a = read(plain.xlsx());
    CrfTemplateResult b = CrfTemplateReader.read(starred.xls(), "starred.xls", TemplateLimits.DEFAULT, n -> Optional.empty());
    assertThat(a.errors()).isEmpty();
    assertThat(b.errors()).isEmpty();
    assertEquals(a.definition(), b.definition());
  }
}
