package jp.ac.umin.libreclinica.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical serialisation and SHA-256 hash of an audit record.
 *
 * <p>The serialisation is unambiguous: a version tag, then every field in a fixed order, each
 * written as a presence byte (0 = null, 1 = present) followed, when present, by its UTF-8 length
 * as a 4-byte big-endian integer and its UTF-8 bytes. So no choice of field values can make two
 * different records serialise to the same bytes. Times are microseconds since the epoch
 * (PostgreSQL's precision). Changing this format breaks every stored chain: never do it without
 * a new version tag and a verifier that knows both.
 */
final class AuditHash {

  /** The previous hash of the first record of the chain. */
  static final String GENESIS = "0".repeat(64);

  private static final byte[] VERSION = "lc-audit-v1".getBytes(StandardCharsets.US_ASCII);

  private AuditHash() {}

  static String of(AuditRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION);
    field(out, Long.toString(r.id()));
    field(out, Long.toString(micros(r.occurredAt())));
    field(out, r.actor());
    field(out, r.action());
    field(out, r.entityType());
    field(out, r.entityId());
    field(out, r.studyId() == null ? null : r.studyId().toString());
    field(out, r.oldValue());
    field(out, r.newValue());
    field(out, r.reason());
    field(out, r.clientAddress());
    field(out, r.previousHash());
    return sha256(out.toByteArray());
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static void field(ByteArrayOutputStream out, String value) {
    if (value == null) {
      out.write(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.write(1);
    out.write(bytes.length >>> 24);
    out.write(bytes.length >>> 16);
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
