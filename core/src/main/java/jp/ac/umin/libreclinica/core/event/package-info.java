/**
 * Study event definitions (visits) and the CRFs attached to them with their parameters, and
 * per-site overrides of those parameters. Subjects' scheduled events come with data capture.
 */
package jp.ac.umin.libreclinica.core.event;
