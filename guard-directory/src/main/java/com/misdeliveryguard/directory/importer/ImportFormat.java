package com.misdeliveryguard.directory.importer;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats the importer reads. */
public enum ImportFormat {

    /**
     * Any of the CSV layouts, recognized by the header row: canonical
     * ({@code email,name,name_kana,organization,department}), Outlook (English or Japanese
     * headers) or Google Contacts. UTF-8 with or without BOM, or Shift_JIS (Windows-31J).
     */
    CSV,
    /** vCard 3.0 or 4.0, several cards per file. */
    VCARD;

    /** VCARD for {@code .vcf} and {@code .vcard} files, CSV otherwise. */
    public static ImportFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".vcf") || name.endsWith(".vcard") ? VCARD : CSV;
    }

    ContactReader reader(Path file, int maxRecordChars) {
        return switch (this) {
            case CSV -> new CsvContactReader(file, maxRecordChars);
            case VCARD -> new VCardContactReader(file);
        };
    }
}
