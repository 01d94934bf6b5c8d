package jp.ac.umin.libreclinica.core.account;

/**
 * Whether a role is held for a whole study (and then applies to its sites too) or for one
 * site only.
 */
public enum RoleLevel {
  STUDY,
  SITE
}
