/**
 * The page of event e-mails: a user subscribes to the events of an event definition (optionally
 * one status) and is mailed when a subject's event reaches it; data managers see everyone's.
 */
package jp.ac.umin.libreclinica.web.mail;
