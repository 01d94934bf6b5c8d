package jp.ac.umin.libreclinica.web.signature;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.casebook.CasebookDocument;
import jp.ac.umin.libreclinica.core.casebook.CasebookPdfException;
import jp.ac.umin.libreclinica.core.casebook.CasebookPdfWriter;
import jp.ac.umin.libreclinica.core.casebook.CasebookService;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.shared.MessageKeyException;
import jp.ac.umin.libreclinica.core.signature.ReauthenticationService;
import jp.ac.umin.libreclinica.core.signature.SignatureService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.web.security.AccountPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Electronic signatures (the page that shows what is signed, with its meaning, and asks for the
 * password), the printable casebook (HTML and PDF), the casebook and event CRF locks, and the
 * signer's notices of invalidated signatures.
 */
@Controller
public class SignatureController {

  private final SignatureService signatures;
  private final CasebookService casebooks;
  private final CasebookPdfWriter pdf;
  private final SubjectService subjects;
  private final DataEntryService entry;
  private final MessageSource messages;
  private final ReauthenticationService reauthentication;

  public SignatureController(
      SignatureService signatures,
      CasebookService casebooks,
      CasebookPdfWriter pdf,
      SubjectService subjects,
      DataEntryService entry,
      MessageSource messages,
      ReauthenticationService reauthentication) {
    this.signatures = signatures;
    this.casebooks = casebooks;
    this.pdf = pdf;
    this.subjects = subjects;
    this.entry = entry;
    this.messages = messages;
    this.reauthentication = reauthentication;
  }

  /** What is about to be signed: the data, the meaning, the password field. */
  @GetMapping("/subjects/{id}/sign")
  public String signPage(
      @PathVariable long id,
      @RequestParam(required = false) Long event,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    try {
      return showSign(id, event, user, model, null);
    } catch (PermissionDeniedException e) {
      throw e;
    } catch (MessageKeyException e) {
      redirect.addFlashAttribute("flash", text(e));
      return "redirect:/subjects/" + id;
    }
  }

  @PostMapping("/subjects/{id}/sign")
  public String sign(
      @PathVariable long id,
      @RequestParam(required = false) Long event,
      @RequestParam(required = false) String hash,
      @RequestParam(required = false) String password,
      Principal user,
      Model model,
      RedirectAttributes redirect) {
    try {
      signatures.sign(user.getName(), id, event, hash, password, LocaleContextHolder.getLocale());
    } catch (PermissionDeniedException e) {
      throw e;
    } catch (MessageKeyException e) {
      try {
        return showSign(id, event, user, model, text(e));
      } catch (MessageKeyException again) {
        redirect.addFlashAttribute("flash", text(e));
        return "redirect:/subjects/" + id;
      }
    }
    redirect.addFlashAttribute("flash", text(event == null ? "signature.page.signedCasebook" : "signature.page.signedEvent"));
    return "redirect:/subjects/" + id;
  }

  private String showSign(long id, Long event, Principal user, Model model, String error) {
    SignatureService.SigningPreview preview = signatures.preview(user.getName(), id, event);
    model.addAttribute("preview", preview);
    if (!preview.asksForPassword()) {
      // single sign-on signers prove presence at their identity provider, then come back here
      String back = "/subjects/" + id + "/sign" + (event == null ? "" : "?event=" + event);
      reauthentication
          .redirectFor(user.getName(), signInMethod(user), back)
          .ifPresent(url -> model.addAttribute("reauthUrl", url));
    }
    CasebookDocument cb = casebooks.document(user.getName(), id, false, LocaleContextHolder.getLocale());
    if (event != null) {
      // an event's signature covers that event: show it alone
      cb = new CasebookDocument(cb.study(), cb.site(), cb.subject(),
          cb.events().stream().filter(e -> e.event().getId().equals(event)).toList(),
          cb.signatures(), cb.sections(), cb.audit(), cb.printedAt(), cb.printedBy());
    }
    model.addAttribute("cb", cb);
    model.addAttribute("eventId", event);
    model.addAttribute("error", error);
    return "signature/sign";
  }

  private static String signInMethod(Principal user) {
    return user instanceof Authentication a && a.getPrincipal() instanceof AccountPrincipal p
        ? p.getSignInMethod()
        : null;
  }

  /** The printable casebook; {@code audit=true} adds the audit trail. */
  @GetMapping("/subjects/{id}/casebook")
  public String casebook(
      @PathVariable long id, @RequestParam(defaultValue = "false") boolean audit, Principal user, Model model) {
    model.addAttribute("cb", casebooks.document(user.getName(), id, audit, LocaleContextHolder.getLocale()));
    return "signature/casebook";
  }

  /** The casebook as PDF, in the user's language. */
  @GetMapping("/subjects/{id}/casebook.pdf")
  public void casebookPdf(
      @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean audit,
      Principal user,
      HttpServletResponse response) throws IOException {
    Locale locale = LocaleContextHolder.getLocale();
    CasebookDocument doc = casebooks.document(user.getName(), id, audit, locale);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      pdf.write(doc, locale, out);
    } catch (CasebookPdfException e) {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setContentType("text/plain;charset=UTF-8");
      response.getOutputStream().write(text(e).getBytes(StandardCharsets.UTF_8));
      return;
    }
    response.setContentType("application/pdf");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename("casebook-" + doc.subject().getLabel() + ".pdf", StandardCharsets.UTF_8)
            .build().toString());
    response.setContentLength(out.size());
    out.writeTo(response.getOutputStream());
  }

  @PostMapping("/subjects/{id}/casebook-lock")
  public String lockCasebook(
      @PathVariable long id,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      RedirectAttributes redirect) {
    try {
      if ("unlock".equals(action)) {
        subjects.unlockCasebook(id, reason, user.getName());
        redirect.addFlashAttribute("flash", text("signature.page.casebookUnlocked"));
      } else {
        subjects.lockCasebook(id, reason, user.getName());
        redirect.addFlashAttribute("flash", text("signature.page.casebookLocked"));
      }
    } catch (PermissionDeniedException e) {
      throw e;
    } catch (MessageKeyException e) {
      redirect.addFlashAttribute("flash", text(e));
    }
    return "redirect:/subjects/" + id;
  }

  @PostMapping("/event-crfs/{id}/lock")
  public String lockEventCrf(
      @PathVariable long id,
      @RequestParam String action,
      @RequestParam(required = false) String reason,
      Principal user,
      RedirectAttributes redirect) {
    try {
      if ("unlock".equals(action)) {
        entry.unlock(user.getName(), id, reason);
        redirect.addFlashAttribute("flash", text("signature.page.crfUnlocked"));
      } else {
        entry.lock(user.getName(), id, reason);
        redirect.addFlashAttribute("flash", text("signature.page.crfLocked"));
      }
    } catch (PermissionDeniedException e) {
      throw e;
    } catch (MessageKeyException e) {
      redirect.addFlashAttribute("flash", text(e));
    }
    return "redirect:/event-crfs/" + id;
  }

  @PostMapping("/signature-notices/{id}/read")
  public String noticeRead(@PathVariable long id, Principal user) {
    signatures.markNoticeRead(user.getName(), id);
    return "redirect:/";
  }

  private String text(MessageKeyException e) {
    return messages.getMessage(e.messageKey(), e.arguments(), LocaleContextHolder.getLocale());
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
