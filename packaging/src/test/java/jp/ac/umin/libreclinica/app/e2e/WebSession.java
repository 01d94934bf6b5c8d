package jp.ac.umin.libreclinica.app.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser-like HTTP session for end-to-end tests: keeps cookies, follows redirects by hand
 * (so tests can see where they lead), and submits forms with their CSRF token.
 */
final class WebSession {

  record Page(int status, String path, Document document) {}

  private final String base;
  private final String language;
  private final HttpClient client;

  WebSession(String base, String language) {
    this.base = base;
    this.language = language;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Page get(String path) throws IOException, InterruptedException {
    return follow(send(HttpRequest.newBuilder(uri(path)).GET()), path, 0);
  }

  /** Fills the form found by {@code formSelector} on {@code page} with {@code values} and posts it. */
  Page submit(Page page, String formSelector, Map<String, String> values)
      throws IOException, InterruptedException {
    Element form = page.document().selectFirst(formSelector);
    if (form == null) {
      throw new AssertionError("no form " + formSelector + " on " + page.path());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Element input : form.select("input[name]")) {
      if (!"checkbox".equals(input.attr("type")) || input.hasAttr("checked")) {
        fields.put(input.attr("name"), input.val());
      }
    }
    fields.putAll(values);
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    String action = form.attr("action").isEmpty() ? page.path() : form.attr("action");
    HttpRequest.Builder post =
        HttpRequest.newBuilder(uri(action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return follow(send(post), action, 0);
  }

  /**
   * Posts the form found by {@code formSelector} as multipart/form-data with its fields and one
   * file, as a browser does for a file upload.
   */
  Page upload(Page page, String formSelector, String fileField, String fileName, byte[] content)
      throws IOException, InterruptedException {
    Element form = page.document().selectFirst(formSelector);
    if (form == null) {
      throw new AssertionError("no form " + formSelector + " on " + page.path());
    }
    String boundary = "----lc" + java.util.UUID.randomUUID().toString().replace("-", "");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Element input : form.select("input[name]")) {
      if (input.attr("type").equals("file")) {
        continue;
      }
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + input.attr("name")
          + "\"\r\n\r\n" + input.val() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
        + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String action = form.attr("action").isEmpty() ? page.path() : form.attr("action");
    HttpRequest.Builder post =
        HttpRequest.newBuilder(uri(action))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    return follow(send(post), action, 0);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(
        request.header("Accept-Language", language).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private Page follow(HttpResponse<String> response, String path, int hops)
      throws IOException, InterruptedException {
    if (response.statusCode() / 100 == 3 && hops < 10) {
      String location = response.headers().firstValue("Location").orElseThrow();
      String next = location.startsWith(base) ? location.substring(base.length()) : location;
      return follow(send(HttpRequest.newBuilder(uri(next)).GET()), next, hops + 1);
    }
    return new Page(response.statusCode(), path, Jsoup.parse(response.body(), base + path));
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : base + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
