package jp.ac.umin.libreclinica.core.study;

/** LibreClinica's kinds of subject group class. */
public enum GroupClassType {
  ARM,
  FAMILY,
  DEMOGRAPHIC,
  OTHER
}
