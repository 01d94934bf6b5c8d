package jp.ac.umin.libreclinica.ws.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class SoapPropertiesTest {

  @Test
  public void theServicesAreBelowTheConfiguredBasePathWrittenAnyWay() {
    assertEquals("/ws", new SoapProperties(null, null).servicesPath());
    assertEquals("/ws", new SoapProperties("/", null).servicesPath());
    assertEquals("/LibreClinica-ws/ws", new SoapProperties("LibreClinica-ws/", null).servicesPath());
    assertEquals(SoapProperties.DEFAULT_MAX_MESSAGE_BYTES, (long) new SoapProperties("", 0L).maxMessageBytes());
  }

  @Test
  public void theBasePathMayNotCollideWithTheRestApi() {
    assertThrows(IllegalArgumentException.class, () -> new SoapProperties("/api", null));
    assertThrows(IllegalArgumentException.class, () -> new SoapProperties("/api/v1", null));
  }
}
