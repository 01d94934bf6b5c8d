package jp.ac.umin.libreclinica.core.markup;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Sanitises user-written HTML with the OWASP java-html-sanitizer: formatting (b, i, u, em,
 * strong, sup, sub, br, p, div, span, font colour/size/face), lists, tables, links (http, https,
 * mailto) and images (http, https) stay; scripts, styles sheets, frames, forms, event handlers
 * and {@code javascript:} URLs never survive.
 *
 * <p>The result is meant to be written into a page as HTML (Thymeleaf {@code th:utext}). Text
 * without {@code <} or {@code &} cannot hold markup and is returned unchanged, so plain labels
 * keep their quotes and spacing exactly.
 */
public final class SafeHtml {

  private static final PolicyFactory POLICY =
      new HtmlPolicyBuilder()
          .allowElements(
              "b", "i", "u", "em", "strong", "sup", "sub", "br", "p", "div", "span", "font",
              "small", "big", "s", "strike", "hr", "center", "ul", "ol", "li", "table", "thead",
              "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col")
          .allowAttributes("color", "size", "face")
          .onElements("font")
          .allowAttributes("class", "title", "align")
          .globally()
          .allowAttributes("border", "cellpadding", "cellspacing", "width", "height")
          .onElements("table", "td", "th", "col", "colgroup")
          .allowAttributes("colspan", "rowspan", "valign", "nowrap")
          .onElements("td", "th")
          .allowStyling()
          .toFactory()
          .and(Sanitizers.LINKS)
          .and(Sanitizers.IMAGES)
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.FORMATTING)
          .and(Sanitizers.TABLES);

  private static final Pattern ACTIVE_CONTENT =
      Pattern.compile(
          "<\\s*(script|style|iframe|frame|object|embed|form|input|textarea|select|button|meta|link|base)\\b"
              + "|\\bon[a-z]+\\s*="
              + "|javascript\\s*:",
          Pattern.CASE_INSENSITIVE);

  private SafeHtml() {}

  /** The sanitised form of {@code html}; null stays null. */
  public static String sanitise(String html) {
    if (html == null) {
      return null;
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return html;
    }
    return POLICY.sanitize(html);
  }

  /**
   * Whether the text holds something the sanitiser will remove because it could act on the
   * page (scripts, event handlers, form controls, frames): worth telling the author.
   */
  public static boolean hasActiveContent(String html) {
    return html != null && ACTIVE_CONTENT.matcher(html).find();
  }
}
