package jp.ac.umin.libreclinica.ws.soap;

import java.util.List;
import javax.xml.namespace.QName;

/** The seven v1 services: where each is, its namespace and its operations. */
public enum SoapService {
  STUDY("study", List.of("listAll", "getMetadata")),
  STUDY_SUBJECT("studySubject", List.of("create", "isStudySubject", "listAllByStudy")),
  SUBJECT("subject", List.of("creat")),
  EVENT("event", List.of("schedule")),
  STUDY_EVENT_DEFINITION("studyEventDefinition", List.of("listAll")),
  DATA("data", List.of("import")),
  CRF("crf", List.of("createCrf"));

  /** The namespace of the shared types. */
  public static final String BEANS_NS = "http://openclinica.org/ws/beans";
  /** The names LibreClinica's WSDLs use for the port type, binding and service. */
  public static final String PORT_TYPE = "ws";
  public static final String BINDING = "wsSoap11";
  public static final String SERVICE = "wsService";

  private final String name;
  private final List<String> operations;

  SoapService(String name, List<String> operations) {
    this.name = name;
    this.operations = operations;
  }

  /** As in the URL and the namespace: {@code study}, {@code studySubject}... */
  public String serviceName() {
    return name;
  }

  public String namespace() {
    return "http://openclinica.org/ws/" + name + "/v1";
  }

  /** The endpoint's path below the ws servlet: {@code /study/v1}. */
  public String path() {
    return "/" + name + "/v1";
  }

  /** The WSDL's file name: {@code studyWsdl.wsdl}. */
  public String wsdlFileName() {
    return name + "Wsdl.wsdl";
  }

  /** The schema of the messages on the class path. */
  public String schemaResource() {
    return "soap/v1/" + name + ".xsd";
  }

  public List<String> operations() {
    return operations;
  }

  public QName serviceQName() {
    return new QName(namespace(), SERVICE);
  }

  public QName portQName() {
    return new QName(namespace(), BINDING);
  }
}
