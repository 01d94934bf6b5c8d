package jp.ac.umin.libreclinica.core.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;

/**
 * Reads the text of an uploaded file whatever Excel saved it as: UTF-8 with a BOM, UTF-8
 * without, or Windows-31J. Bytes valid in none of them are refused, naming the line.
 */
public final class CsvDecoding {

  private CsvDecoding() {}

  /** The decoded text, without a BOM. */
  public static String decode(byte[] bytes) {
    if (bytes.length >= 3
        && bytes[0] == CsvEncoding.BOM[0]
        && bytes[1] == CsvEncoding.BOM[1]
        && bytes[2] == CsvEncoding.BOM[2]) {
      return strict(StandardCharsets.UTF_8, bytes, 3, "UTF-8");
    }
    try {
      return tryStrict(StandardCharsets.UTF_8, bytes, 0);
    } catch (CharacterCodingException notUtf8) {
      return strict(CsvEncoding.WINDOWS_31J.charset(), bytes, 0, "Windows-31J");
    }
  }

  private static String strict(Charset charset, byte[] bytes, int offset, String name) {
    try {
      return tryStrict(charset, bytes, offset);
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          "csv.encoding.unreadable", name, String.valueOf(lineOf(bytes, offset, charset)));
    }
  }

  private static String tryStrict(Charset charset, byte[] bytes, int offset)
      throws CharacterCodingException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
    return chars.toString();
  }

  /** The 1-based line of the first byte sequence that cannot be decoded. */
  private static long lineOf(byte[] bytes, int offset, Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    out.flip();
    long line = 1;
    while (out.hasRemaining()) {
      if (out.get() == '\n') {
        line++;
      }
    }
    return line;
  }
}
