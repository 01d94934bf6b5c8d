package jp.ac.umin.libreclinica.app.i18n;

import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * No template holds user-visible text of its own: every text comes from a message key, so that
 * every language is complete. Placeholder text inside an element whose content Thymeleaf
 * replaces is fine (it never reaches a user).
 */
public class TemplateLiteralTextTest {

  private static final Set<String> REPLACING =
      Set.of(
          "th:text", "th:utext", "th:replace", "th:insert", "th:remove", "th:each", "th:errors",
          "th:field");
  private static final Set<String> TEXT_ATTRIBUTES =
      Set.of("placeholder", "title", "alt", "aria-label", "label");

  @Test
  public void templatesHoldNoLiteralText() throws Exception {
    Resource[] templates =
        new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
    assertTrue("no templates found", templates.length > 1);
    List<String> problems = new ArrayList<>();
    for (Resource t : templates) {
      Document doc;
      try (InputStream in = t.getInputStream()) {
        doc = Jsoup.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "", Parser.xmlParser());
      }
      for (Element e : doc.getAllElements()) {
        if (replaced(e) || e.normalName().equals("script") || e.normalName().equals("style")) {
          continue;
        }
        for (Node child : e.childNodes()) {
          if (child instanceof TextNode text && isWords(text.text())) {
            problems.add(t.getFilename() + ": <" + e.tagName() + "> \"" + text.text().trim() + "\"");
          }
        }
        for (String attr : TEXT_ATTRIBUTES) {
          if (e.hasAttr(attr) && !e.hasAttr("th:" + attr) && isWords(e.attr(attr))) {
            problems.add(t.getFilename() + ": <" + e.tagName() + " " + attr + "=\"" + e.attr(attr) + "\">");
          }
        }
        if (e.normalName().equals("input")
            && Set.of("submit", "button").contains(e.attr("type"))
            && e.hasAttr("value")
            && !e.hasAttr("th:value")) {
          problems.add(t.getFilename() + ": button value \"" + e.attr("value") + "\"");
        }
      }
    }
    assertTrue("literal text in templates:\n" + String.join("\n", problems), problems.isEmpty());
  }

  private static boolean replaced(Element e) {
    for (Element x = e; x != null; x = x.parent()) {
      if (x.normalName().equals("html")) {
        // a page's <html th:replace="~{fragments/layout :: layout(~{::title}, ~{::main})}">
        // puts the page's own title and main into the frame: their text is shown
        break;
      }
      for (String a : REPLACING) {
        if (x.hasAttr(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Text with a letter in it (punctuation, digits and symbols alone are not words). */
  static boolean isWords(String s) {
    return s.codePoints().anyMatch(Character::isLetter);
  }
}
