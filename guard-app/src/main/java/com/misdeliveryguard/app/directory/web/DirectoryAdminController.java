package com.misdeliveryguard.app.directory.web;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.AdminAction;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.search.JdbcDirectorySearch;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The directory admin page: search (AUDITOR and ADMIN) and file import with its report (ADMIN,
 * POST with CSRF). The uploaded file keeps its name so the report names file, line and reason; it
 * is imported like a start-up file (format recognized by content) and then deleted. Each import is
 * recorded in the decision log.
 */
@Controller
class DirectoryAdminController {

    private final JdbcDirectorySearch search;
    private final DirectoryImporter importer;
    private final DecisionLog log;
    private final Path uploads;

    DirectoryAdminController(JdbcDirectorySearch search, DirectoryImporter importer, DecisionLog log,
            GuardProperties guard) {
        this.search = search;
        this.importer = importer;
        this.log = log;
        this.uploads = guard.dataDir().resolve("uploads");
    }

    @GetMapping("/admin/directory")
    String page(@RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", query);
        model.addAttribute("result", search.search(query.length() > 200 ? query.substring(0, 200) : query,
                Math.max(0, page), 50));
        return "admin/directory";
    }

    @PostMapping("/admin/directory/import")
    String importFile(@RequestParam("file") MultipartFile file, Principal who, HttpServletRequest request,
            Model model) throws IOException {
        ImportReport report = importUpload(file);
        log.append(new AdminAction(Actor.of(who.getName(), request.getRemoteAddr(), request.getHeader("User-Agent")),
                "directory-import", Optional.empty(), Map.of("file", safeName(file), "outcome",
                        report.outcome().name(), "summary", report.summary())));
        model.addAttribute("q", "");
        model.addAttribute("result", search.search("", 0, 50));
        model.addAttribute("report", report);
        return "admin/directory";
    }

    private ImportReport importUpload(MultipartFile file) throws IOException {
        Path dir = Files.createDirectories(uploads).resolve(Long.toString(System.nanoTime()));
        Files.createDirectory(dir);
        Path target = dir.resolve(safeName(file));
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return importer.importFile(target);
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(dir);
        }
    }

    /** The original file name without any path, limited to safe characters. */
    static String safeName(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return name.isBlank() || name.startsWith(".") ? "upload" + name : name;
    }
}
