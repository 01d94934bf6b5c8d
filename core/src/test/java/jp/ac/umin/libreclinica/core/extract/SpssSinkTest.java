package jp.ac.umin.libreclinica.core.extract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.CodeListEntry;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.Kind;
import jp.ac.umin.libreclinica.core.extract.ExtractColumn.ValueType;
import org.junit.Test;

/**
 * The SPSS pair without a database: formats, quoting and labels. The files are also left in
 * {@code target/spss-sample/} so that they can be run through PSPP or SPSS by hand.
 */
public class SpssSinkTest {

  private static ExtractColumn column(String name, ValueType type, int width, int decimals, String label,
      List<CodeListEntry> codes) {
    return new ExtractColumn(name, Kind.ITEM, name, "SE_X", "Visit", 1, "F_X", "CRF", "I_" + name, null, label,
        type, width, decimals, codes);
  }

  static final List<ExtractColumn> COLUMNS = List.of(
      new ExtractColumn("StudySubjectID", Kind.SUBJECT, "StudySubjectID", null, null, null, null, null, null, null,
          "Study Subject ID", ValueType.STRING, 120, 0, List.of()),
      column("HEIGHT_E1_C1", ValueType.DECIMAL, 5, 1, "Height", List.of()),
      column("VSDAT_E1_C1", ValueType.DATE, 10, 0, "Date of measurement", List.of()),
      column("SHOKUJI_E1_C2", ValueType.INTEGER, 1, 0, "食事 'quoted' 𩸽",
          List.of(new CodeListEntry("1", "𩸽"), new CodeListEntry("2", "🍣"))),
      column("YN_E1_C2", ValueType.STRING, 1, 0, "Yes/No", List.of(new CodeListEntry("Y", "はい"))),
      column("COMMENT_E1_C1", ValueType.STRING, 3000, 0, "Comment\nwith a line break", List.of()));

  @Test
  public void declaresFormatsLabelsValueLabelsAndLevels() throws Exception {
    String sps = SpssSink.syntax("a.dat", COLUMNS);
    assertTrue(sps, sps.contains("DATA LIST LIST(TAB) FILE='a.dat' ENCODING='UTF8'\n  /StudySubjectID (A120)\n"));
    assertTrue(sps, sps.contains("   HEIGHT_E1_C1 (F8.1)\n"));
    assertTrue(sps, sps.contains("   VSDAT_E1_C1 (SDATE10)\n"));
    assertTrue(sps, sps.contains("   SHOKUJI_E1_C2 (F8.0)\n"));
    assertTrue(sps, sps.contains("   COMMENT_E1_C1 (A3000)\n"));
    assertTrue(sps, sps.contains("  /SHOKUJI_E1_C2 '食事 ''quoted'' 𩸽'\n"));
    assertTrue(sps, sps.contains("  /COMMENT_E1_C1 'Comment with a line break'\n"));
    assertTrue(sps, sps.contains("  SHOKUJI_E1_C2\n    1 '𩸽'\n    2 '🍣'\n"));
    assertTrue(sps, sps.contains("  /YN_E1_C2\n    'Y' 'はい'\n"));
    assertTrue(sps, sps.contains("StudySubjectID VSDAT_E1_C1 SHOKUJI_E1_C2 YN_E1_C2 COMMENT_E1_C1 (NOMINAL)"));
    assertTrue(sps, sps.contains("/HEIGHT_E1_C1 (SCALE)."));
  }

  @Test
  public void valuesAreWrittenAsTheyAreWithTabsAndLineBreaksAsSpaces() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      SpssSink sink = new SpssSink(zip, "sample");
      sink.start(COLUMNS);
      sink.row("東京-001", new String[] {"東京-001", "170.5", "2026-04-07", "1", "Y", "改行\nあり\t\"引用\" 𠮷"});
      sink.row("S-002", new String[] {"S-002", null, null, null, null, "所見".repeat(500)});
      sink.finish();
    }
    Map<String, byte[]> files = ZippedExtractorTest.unzip(out.toByteArray());
    String dat = new String(files.get("sample.dat"), StandardCharsets.UTF_8);
    assertEquals("東京-001\t170.5\t2026-04-07\t1\tY\t改行 あり \"引用\" 𠮷\n"
        + "S-002\t\t\t\t\t" + "所見".repeat(500) + "\n", dat);
    Path dir = Path.of("target", "spss-sample");
    Files.createDirectories(dir);
    for (var e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }

  @Test
  public void longLabelsAreCutOnACharacterBoundary() {
    String cut = SpssSink.quoted("𠮷".repeat(100), 120);
    assertEquals("'" + "𠮷".repeat(30) + "'", cut);
  }
}
