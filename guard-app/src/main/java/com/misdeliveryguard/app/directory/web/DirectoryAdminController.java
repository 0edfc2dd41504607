package com.misdeliveryguard.app.directory.web;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.AdminAction;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.search.DirectoryBrowse;
import com.misdeliveryguard.directory.search.JdbcDirectorySearch;
import com.misdeliveryguard.directory.search.SearchHit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The directory admin pages: organizations to browse (paged, sorted by name or number of contacts),
 * an organization's contacts, a contact's page, search (AUDITOR and ADMIN) and file import with its report (ADMIN,
 * POST with CSRF). The uploaded file keeps its name so the report names file, line and reason; it
 * is imported like a start-up file (format recognized by content) and then deleted. Each import is
 * recorded in the decision log.
 */
@Controller
class DirectoryAdminController {

    static final int PAGE = 50;
    private final JdbcDirectorySearch search;
    private final DirectoryBrowse browse;
    private final DirectoryImporter importer;
    private final DecisionLog log;
    private final Path uploads;

    DirectoryAdminController(JdbcDirectorySearch search, DirectoryBrowse browse, DirectoryImporter importer,
            DecisionLog log, GuardProperties guard) {
        this.search = search;
        this.browse = browse;
        this.importer = importer;
        this.log = log;
        this.uploads = guard.dataDir().resolve("uploads");
    }

    @GetMapping("/admin/directory")
    String page(@RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "name") String sort,
            Model model) {
        model.addAttribute("q", query);
        model.addAttribute("result", search.search(query.length() > 200 ? query.substring(0, 200) : query,
                Math.max(0, page), 50));
        DirectoryBrowse.OrganizationOrder order = "contacts".equals(sort) ? DirectoryBrowse.OrganizationOrder.CONTACTS
                : DirectoryBrowse.OrganizationOrder.NAME;
        model.addAttribute("sort", order.name().toLowerCase(Locale.ROOT));
        model.addAttribute("organizations", browse.organizations(order, Math.max(0, page), PAGE));
        return "admin/directory";
    }

    /** One organization: its domains and its contacts, paged and sorted by name, address or department. */
    @GetMapping("/admin/directory/organizations/{id}")
    String organization(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "name") String sort, Model model, HttpServletResponse response) {
        Optional<DirectoryBrowse.OrganizationRow> organization = browse.organization(id);
        if (organization.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        DirectoryBrowse.ContactOrder order = switch (sort) {
            case "address" -> DirectoryBrowse.ContactOrder.ADDRESS;
            case "department" -> DirectoryBrowse.ContactOrder.DEPARTMENT;
            default -> DirectoryBrowse.ContactOrder.NAME;
        };
        model.addAttribute("organization", organization.orElse(null));
        model.addAttribute("sort", order.name().toLowerCase(Locale.ROOT));
        model.addAttribute("contacts", browse.contacts(id, order, Math.max(0, page), PAGE));
        return "admin/organization";
    }

    /** One contact. */
    @GetMapping("/admin/directory/contacts/{address}")
    String contact(@PathVariable String address, Model model, HttpServletResponse response) {
        Optional<SearchHit> contact = browse.contact(address.length() > 320 ? "" : address);
        if (contact.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("contact", contact.orElse(null));
        model.addAttribute("organizationId", contact.flatMap(c -> browse.organizationOf(c.address())).orElse(null));
        return "admin/contact";
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
        model.addAttribute("sort", "name");
        model.addAttribute("organizations", browse.organizations(DirectoryBrowse.OrganizationOrder.NAME, 0, PAGE));
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
