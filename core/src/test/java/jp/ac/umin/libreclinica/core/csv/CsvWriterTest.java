package jp.ac.umin.libreclinica.core.csv;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.Test;

public class CsvWriterTest {

  private static byte[] write(CsvEncoding encoding, List<List<String>> rows) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvWriter w = new CsvWriter(out, encoding)) {
      w.header(rows.get(0));
      for (List<String> row : rows.subList(1, rows.size())) {
        w.row(row.get(0), row);
      }
      w.finish();
    }
    return out.toByteArray();
  }

  @Test
  public void utf8ForExcelStartsWithAByteOrderMark() throws Exception {
    byte[] bytes = write(CsvEncoding.UTF8_BOM, List.of(List.of("被験者ID"), List.of("東京-001")));
    assertArrayEquals(
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
    assertEquals("被験者ID\r\n東京-001\r\n", CsvDecoding.decode(bytes));
  }

  @Test
  public void windows31jWritesShiftJisBytesIncludingIbmExtensions() throws Exception {
    byte[] bytes = write(CsvEncoding.WINDOWS_31J, List.of(List.of("氏名"), List.of("髙橋")));
    Charset ms932 = Charset.forName("windows-31j");
    assertArrayEquals("氏名\r\n髙橋\r\n".getBytes(ms932), bytes);
    // 氏 is 0x8E81 in Shift_JIS; no BOM
    assertEquals((byte) 0x8E, bytes[0]);
    assertEquals((byte) 0x81, bytes[1]);
    assertEquals("氏名\r\n髙橋\r\n", CsvDecoding.decode(bytes));
  }

  @Test
  public void windows31jRefusesValuesItCannotHoldAndSaysWhere() throws Exception {
    try {
      write(
          CsvEncoding.WINDOWS_31J,
          List.of(
              List.of("subject", "name", "note"),
              List.of("S-001", "𠮷野", "ok"),
              List.of("S-002", "山田", "😀")));
      fail("a value Windows-31J cannot hold was written");
    } catch (UnencodableValuesException e) {
      assertEquals(2, e.total());
      assertEquals(new UnencodableValue(2, "S-001", "name", "𠮷"), e.listed().get(0));
      assertEquals(new UnencodableValue(3, "S-002", "note", "😀"), e.listed().get(1));
    }
  }

  @Test
  public void quotesCommasQuotesAndNewlinesPerRfc4180() throws Exception {
    String nasty = "He said \"no\", then\nleft; 𠮷";
    byte[] bytes =
        write(CsvEncoding.UTF8, List.of(List.of("id", "text", "after"), List.of("1", nasty, "x")));
    List<CSVRecord> records =
        CSVFormat.RFC4180.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8))).getRecords();
    assertEquals(2, records.size());
    assertEquals(3, records.get(1).size());
    assertEquals(nasty, records.get(1).get(1));
  }

  @Test
  public void readsUtf8WithoutBomAndWindows31j() {
    assertEquals("令和", CsvDecoding.decode("令和".getBytes(StandardCharsets.UTF_8)));
    assertEquals("令和", CsvDecoding.decode("令和".getBytes(Charset.forName("windows-31j"))));
  }

  @Test
  public void refusesBytesThatAreNoTextNamingTheLine() {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n', 'b', '\n', (byte) 0xFF, (byte) 0xFE};
    try {
      CsvDecoding.decode(bytes);
      fail("undecodable bytes were accepted");
    } catch (InvalidInputException e) {
      assertEquals("csv.encoding.unreadable", e.messageKey());
      assertArrayEquals(new Object[] {"UTF-8", "3"}, e.arguments());
    }
  }

  @Test
  public void defaultsToExcelFriendlyUtf8ForJapanese() {
    assertEquals(CsvEncoding.UTF8_BOM, CsvEncoding.defaultFor(java.util.Locale.JAPANESE));
  }
}
