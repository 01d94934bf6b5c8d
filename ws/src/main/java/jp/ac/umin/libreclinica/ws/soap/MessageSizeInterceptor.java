package jp.ac.umin.libreclinica.ws.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Refuses requests larger than {@code lc.ws.max-message-bytes}: by their declared length at
 * once, and by counting what is read for chunked requests.
 */
public class MessageSizeInterceptor extends AbstractPhaseInterceptor<Message> {

  private final long max;
  private final SoapMessages messages;

  public MessageSizeInterceptor(long max, SoapMessages messages) {
    super(Phase.RECEIVE);
    this.max = max;
    this.messages = messages;
  }

  @Override
  public void handleMessage(Message message) throws Fault {
    Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
    Locale locale =
        request instanceof HttpServletRequest http && http.getHeader("Accept-Language") != null
            ? http.getLocale()
            : Locale.ENGLISH;
    String tooLarge = messages.text(locale, "soap.request.tooLarge", max);
    if (request instanceof HttpServletRequest http && http.getContentLengthLong() > max) {
      throw SoapFaults.client(tooLarge);
    }
    InputStream in = message.getContent(InputStream.class);
    if (in != null) {
      message.setContent(InputStream.class, new Bounded(in, max, tooLarge));
    }
  }

  private static final class Bounded extends FilterInputStream {
    private final long max;
    private final String text;
    private long count;

    Bounded(InputStream in, long max, String text) {
      super(in);
      this.max = max;
      this.text = text;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) throws IOException {
      count += n;
      if (count > max) {
        throw new IOException(text);
      }
    }
  }
}
