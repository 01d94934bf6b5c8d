package jp.ac.umin.libreclinica.core.casebook;

import static jp.ac.umin.libreclinica.core.account.AccountFixtures.PASSWORD;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture;
import jp.ac.umin.libreclinica.core.dataentry.DataCaptureFixture.Captured;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.test.context.junit4.SpringRunner;

/**
 * The casebook PDF of a signed subject, in Japanese: rendered to an image (PDFBox) which must
 * not be blank, with its text extracted back, the Japanese font embedded, and the first page
 * kept as {@code target/casebook-ja-page1.png} for a person to look at.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import({DataCaptureFixture.class, CasebookPdfTest.RealBundles.class})
public class CasebookPdfTest {

  /** The signature records the meaning as shown: the real texts, Japanese included. */
  @TestConfiguration
  static class RealBundles {
    @Bean
    MessageSource messageSource() {
      return bundles();
    }
  }

  @Autowired private DataCaptureFixture fixture;
  @Autowired private CasebookService casebooks;
  @Autowired private SignatureService signatures;

  /** The real bundles, English from this module and Japanese from i18n-ja's sources. */
  static MessageSource bundles() {
    ReloadableResourceBundleMessageSource m = new ReloadableResourceBundleMessageSource();
    String ja = "file:../i18n-ja/src/main/resources/i18n/";
    m.setBasenames(ja + "casebook", ja + "subject", ja + "dataentryweb", ja + "signature",
        "classpath:i18n/casebook", "classpath:i18n/subject", "classpath:i18n/signature");
    m.setDefaultEncoding("UTF-8");
    m.setFallbackToSystemLocale(false);
    return m;
  }

  @Test
  public void theJapaneseCasebookPdfShowsItsJapaneseTextWithAnEmbeddedFont() throws Exception {
    Assume.assumeTrue("a Japanese font (fonts-ipaexfont-gothic) is installed",
        PdfFont.SYSTEM_LOCATIONS.stream().anyMatch(p -> Files.isReadable(Path.of(p))));
    Captured c = fixture.completed(false);
    String hash = signatures.preview(c.investigator(), c.subject().getId(), null).hash();
    signatures.sign(c.investigator(), c.subject().getId(), null, hash, PASSWORD, Locale.JAPANESE);
    CasebookDocument doc = casebooks.document(c.investigator(), c.subject().getId(), true, Locale.JAPANESE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new CasebookPdfWriter(bundles(), new PdfFont(""), "Asia/Tokyo").write(doc, Locale.JAPANESE, out);

    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "casebook-ja.pdf"), out.toByteArray());
    try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
      PDFont font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
      assertTrue(font.getName(), font.isEmbedded());
      BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
      long dark = 0;
      for (int y = 0; y < page.getHeight(); y++) {
        for (int x = 0; x < page.getWidth(); x++) {
          int rgb = page.getRGB(x, y);
          if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 128) {
            dark++;
          }
        }
      }
      assertTrue("page 1 has " + dark + " dark pixels", dark > 2_000);
      ImageIO.write(page, "png", Path.of("target", "casebook-ja-page1.png").toFile());
      ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(1, 110), "png", Path.of("target", "casebook-ja-page2.png").toFile());
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text, text.contains("体調良好"));
      assertTrue(text, text.contains("2026/04/07"));
      assertTrue("audit actions named in Japanese", text.contains("値の入力"));
      assertTrue(text, text.contains("症例ファイル"));
      // table cells wrap long texts over lines
      assertTrue(text, text.replaceAll("\\s+", "").contains("私は本症例の記録を確認し、その内容が正確であることを確認しました。"));
      assertTrue(text, text.contains(c.subject().getLabel()));
    }
  }

  @Test
  public void aMissingFontIsRefusedNamingTheSetting() {
    CasebookPdfException e =
        assertThrows(CasebookPdfException.class, () -> new PdfFont("/nonexistent/font.ttf").location());
    assertEquals("casebook.pdf.fontMissing", e.messageKey());
    assertEquals("/nonexistent/font.ttf", e.arguments()[0]);
  }
}
