package jp.ac.umin.libreclinica.core.crf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.ac.umin.libreclinica.core.account.AuthorizationService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds an uploaded CRF spreadsheet between its preview and its commit, so that the browser
 * never sends the file twice nor names a file on the server: the page carries a random token,
 * and a held upload is given back only to the same user in the same HTTP session, within
 * {@code lc.crf.pending-upload-ttl} (default 1 hour). A user holds at most
 * {@value #MAX_PER_USER} uploads; older ones are dropped.
 */
@Service
@Transactional(readOnly = true)
public class PendingCrfUploads {

  static final int MAX_PER_USER = 3;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PendingCrfUploadRepository uploads;
  private final AuthorizationService authorization;
  private final CrfService crfs;
  private final Clock clock;
  private final Duration ttl;

  public PendingCrfUploads(
      PendingCrfUploadRepository uploads,
      AuthorizationService authorization,
      CrfService crfs,
      Clock clock,
      @Value("${lc.crf.pending-upload-ttl:1h}") Duration ttl) {
    this.uploads = uploads;
    this.authorization = authorization;
    this.crfs = crfs;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Keeps the bytes for the user's session and returns the token that names them. */
  @Transactional
  public String hold(String actor, String sessionId, String fileName, byte[] content) {
    authorization.requireCrfDesigner(actor);
    if (content.length > crfs.limits().maxBytes()) {
      throw new IllegalArgumentException("larger than lc.crf.max-upload-bytes");
    }
    Instant now = clock.instant();
    uploads.deleteCreatedBefore(now.minus(ttl));
    List<String> older = uploads.tokensOf(actor);
    if (older.size() >= MAX_PER_USER) {
      uploads.deleteAllById(older.subList(MAX_PER_USER - 1, older.size()));
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    uploads.save(new PendingCrfUpload(
        token, actor, sessionHash(sessionId), displayName(fileName), content, now));
    return token;
  }

  /** The upload held under the token for this user and session, unless expired. */
  public Optional<HeldCrfUpload> find(String token, String actor, String sessionId) {
    if (token == null || !TOKEN.matcher(token).matches() || actor == null) {
      return Optional.empty();
    }
    Instant oldest = clock.instant().minus(ttl);
    String session = sessionHash(sessionId);
    return uploads.findById(token)
        .filter(p -> p.getUserName().equals(actor) && p.getSessionHash().equals(session))
        .filter(p -> !p.getCreatedAt().isBefore(oldest))
        .map(p -> new HeldCrfUpload(p.getToken(), p.getFileName(), p.getContent()));
  }

  /** Forgets the upload (after commit or cancel); unknown tokens are ignored. */
  @Transactional
  public void discard(String token, String actor, String sessionId) {
    find(token, actor, sessionId).ifPresent(h -> uploads.deleteById(h.token()));
  }

  /** The file name a browser sent, without any directories, for messages and storage. */
  private static String displayName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    if (name.isEmpty()) {
      name = "crf.xls";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  private static String sessionHash(String sessionId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(String.valueOf(sessionId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
