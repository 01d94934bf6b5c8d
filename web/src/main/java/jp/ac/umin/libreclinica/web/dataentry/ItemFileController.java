package jp.ac.umin.libreclinica.web.dataentry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryException;
import jp.ac.umin.libreclinica.core.dataentry.ItemFile;
import jp.ac.umin.libreclinica.core.dataentry.ItemFileService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Uploading files of FILE items from the data entry page, and downloading them by their
 * generated id (always as an attachment, never rendered by the browser).
 */
@Controller
public class ItemFileController {

  private final ItemFileService files;
  private final MessageSource messages;

  public ItemFileController(ItemFileService files, MessageSource messages) {
    this.files = files;
    this.messages = messages;
  }

  @PostMapping("/event-crfs/{id}/files")
  public String upload(
      @PathVariable long id,
      @RequestParam String item,
      @RequestParam(defaultValue = "1") int row,
      @RequestParam(defaultValue = "upload") String action,
      @RequestParam(required = false) MultipartFile file,
      @RequestParam(required = false) String reasonForChange,
      Principal user,
      RedirectAttributes redirect) throws IOException {
    try {
      if ("remove".equals(action)) {
        files.remove(user.getName(), id, item, row, reasonForChange);
        redirect.addFlashAttribute("flash", text("dataentry.page.fileRemoved", item));
        return "redirect:/event-crfs/" + id;
      }
      if (file == null || file.isEmpty()) {
        throw new DataEntryException("dataentry.file.empty", item);
      }
      if (file.getSize() > files.maxBytes()) {
        throw new DataEntryException("dataentry.file.tooLarge", item, files.maxBytes() / (1024 * 1024));
      }
      files.upload(user.getName(), id, item, row, file.getOriginalFilename(), file.getContentType(), file.getBytes(),
          reasonForChange);
      redirect.addFlashAttribute("flash", text("dataentry.page.fileStored", item));
    } catch (DataEntryException ex) {
      redirect.addFlashAttribute("flash", text(ex.messageKey(), ex.arguments()));
    }
    return "redirect:/event-crfs/" + id;
  }

  @GetMapping("/item-files/{fileId}")
  public ResponseEntity<byte[]> download(@PathVariable long fileId, Principal user) {
    ItemFile f = files.download(user.getName(), fileId);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(f.getOriginalName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(f.getContent());
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, LocaleContextHolder.getLocale());
  }
}
