package jp.ac.umin.libreclinica.web.crf;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a stored file name: an ASCII fallback for old
 * clients and the exact (e.g. Japanese) name as RFC 5987 {@code filename*}.
 */
final class ContentDispositions {

  private ContentDispositions() {}

  static String attachment(String fileName) {
    String name = fileName == null || fileName.isBlank() ? "download" : fileName;
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(
        c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != ';' ? (char) c : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(name);
  }

  /** RFC 5987 value-chars: attr-char as is, every other byte percent-encoded. */
  static String encode(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
