package jp.ac.umin.libreclinica.core.extract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.Test;

/** The streaming workbook keeps its rows in temporary files and leaves none behind. */
public class XlsxSinkTest {

  static final int ROWS = 1_000;

  private static long files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  private static String[] row(int i) {
    return new String[] {"S-" + i, "170." + (i % 10), "2026-04-07", "1", "Y", "𠮷田 " + i};
  }

  @Test
  public void temporaryFilesAreDeletedWhenTheWorkbookIsWrittenAndWhenTheExtractStops() throws Exception {
    Path dir = Files.createTempDirectory("xlsx-sink");
    long[] during = {0, 0};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TempFile.withStrategy(new DefaultTempFileCreationStrategy(dir.toFile()), () -> {
      try {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
          XlsxSink sink = new XlsxSink(zip, "x");
          sink.start(SpssSinkTest.COLUMNS);
          for (int i = 1; i <= ROWS; i++) {
            sink.row("S-" + i, row(i));
          }
          during[0] = files(dir);
          sink.finish();
        }
        XlsxSink stopped = new XlsxSink(new ZipOutputStream(new ByteArrayOutputStream()), "y");
        stopped.start(SpssSinkTest.COLUMNS);
        for (int i = 1; i <= ROWS; i++) {
          stopped.row("S-" + i, row(i));
        }
        during[1] = files(dir);
        stopped.close(); // as ZippedExtractor does when an extract fails or is cancelled
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    assertTrue("rows went to temporary files", during[0] > 0 && during[1] > 0);
    assertEquals("no temporary file left", 0, files(dir));
    byte[] xlsx = ZippedExtractorTest.unzip(out.toByteArray()).get("x.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      assertEquals(ROWS, wb.getSheet("Data").getLastRowNum());
      assertEquals("𠮷田 1000", wb.getSheet("Data").getRow(ROWS).getCell(5).getStringCellValue());
      assertEquals(170.9, wb.getSheet("Data").getRow(9).getCell(1).getNumericCellValue(), 0);
    }
  }

  @Test
  public void moreColumnsThanASheetHoldsAreRefusedBeforeAnythingIsWritten() throws Exception {
    List<ExtractColumn> wide = java.util.stream.IntStream.range(0, 16_385)
        .mapToObj(i -> SpssSinkTest.COLUMNS.get(1)).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new XlsxSink(new ZipOutputStream(out), "w").start(wide);
      throw new AssertionError("16,385 columns were accepted");
    } catch (InvalidInputException e) {
      assertEquals("extract.xlsx.tooManyColumns", e.messageKey());
      assertEquals(16_385, e.arguments()[0]);
      assertEquals(0, out.size());
    }
  }
}
