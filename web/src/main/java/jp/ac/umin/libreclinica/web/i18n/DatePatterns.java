package jp.ac.umin.libreclinica.web.i18n;

/**
 * How one language writes dates on pages. English uses ISO 8601; a language module declares
 * a bean of this type for its own language (Japanese: {@code uuuu/MM/dd}).
 *
 * @param language the language tag, e.g. {@code ja}
 * @param date the pattern of a date
 * @param dateTime the pattern of a date and time
 */
public record DatePatterns(String language, String date, String dateTime) {

  public static final DatePatterns ISO = new DatePatterns("en", "uuuu-MM-dd", "uuuu-MM-dd HH:mm");
}
