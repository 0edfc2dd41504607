package com.misdeliveryguard.directory.importer;

import ezvcard.VCard;
import ezvcard.io.ParseWarning;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.EmailType;
import ezvcard.property.Email;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.TextProperty;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads vCard 3.0 and 4.0 files (several cards per file, as Thunderbird, Apple Contacts and Google
 * export them) with ez-vcard: {@code FN} and {@code N} for the name; {@code X-PHONETIC-LAST-NAME}/
 * {@code X-PHONETIC-FIRST-NAME}, {@code SORT-STRING} or {@code N;SORT-AS} for the reading; every
 * {@code EMAIL}, preferred first, the rest becoming aliases; {@code ORG:Company;Department}.
 * A card is reported with the line of its {@code BEGIN:VCARD}.
 */
final class VCardContactReader implements ContactReader {

    private final Path file;

    VCardContactReader(Path file) {
        this.file = file;
    }

    @Override
    public String origin() {
        return file.getFileName().toString();
    }

    @Override
    public void read(RowSink sink) throws ImportFailure {
        long[] startLines = cardStartLines();
        if (startLines.length == 0) {
            throw new ImportFailure("no BEGIN:VCARD in the file: not a vCard file", 0);
        }
        try (VCardReader reader = new VCardReader(DecodedText.open(file).reader())) {
            VCard card;
            int index = 0;
            while ((card = reader.readNext()) != null) {
                long line = index < startLines.length ? startLines[index] : 0;
                index++;
                for (ParseWarning warning : reader.getWarnings()) {
                    if (isAboutMailOrName(warning)) {
                        sink.reject(warning.getLineNumber() == null ? line : warning.getLineNumber(),
                                "vCard property not understood: " + warning.getMessage());
                    }
                }
                sink.contact(contact(line, card));
            }
        } catch (IOException e) {
            throw new ImportFailure("cannot read the vCard file: " + e.getMessage(), 0);
        }
    }

    private static boolean isAboutMailOrName(ParseWarning warning) {
        String property = warning.getPropertyName();
        return property != null && List.of("EMAIL", "FN", "N", "ORG").contains(property.toUpperCase(java.util.Locale.ROOT));
    }

    private long[] cardStartLines() throws ImportFailure {
        long[] lines = new long[16];
        int count = 0;
        try (BufferedReader reader = new BufferedReader(DecodedText.open(file).reader())) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.strip().equalsIgnoreCase("BEGIN:VCARD")) {
                    if (count == lines.length) {
                        lines = Arrays.copyOf(lines, count * 2);
                    }
                    lines[count++] = line;
                }
            }
        } catch (IOException e) {
            throw new ImportFailure("cannot read the vCard file: " + e.getMessage(), 0);
        }
        return Arrays.copyOf(lines, count);
    }

    static RawContact contact(long line, VCard card) {
        StructuredName n = card.getStructuredName();
        List<String> addresses = card.getEmails().stream()
                .sorted(Comparator.comparingInt(VCardContactReader::preference))
                .map(Email::getValue).toList();
        List<String> organization = card.getOrganization() == null ? List.of() : card.getOrganization().getValues();
        String readingFamily = extended(card, "X-PHONETIC-LAST-NAME");
        String readingGiven = extended(card, "X-PHONETIC-FIRST-NAME");
        String reading = "";
        if (readingFamily.isEmpty() && readingGiven.isEmpty()) {
            reading = Optional.ofNullable(card.getSortString()).map(TextProperty::getValue)
                    .or(() -> Optional.ofNullable(n).map(StructuredName::getSortAs).filter(s -> !s.isEmpty())
                            .map(sortAs -> String.join(" ", sortAs)))
                    .orElse("");
        }
        return new RawContact(line, "", addresses,
                Optional.ofNullable(card.getFormattedName()).map(TextProperty::getValue).orElse(""),
                n == null ? "" : n.getFamily(), n == null ? "" : n.getGiven(),
                reading, readingFamily, readingGiven,
                organization.isEmpty() ? "" : organization.get(0),
                organization.size() < 2 ? "" : String.join(" ", organization.subList(1, organization.size())));
    }

    /** 1 for PREF=1 or TYPE=pref, 100 for no preference; lower comes first. */
    private static int preference(Email email) {
        if (email.getPref() != null) {
            return email.getPref();
        }
        return email.getTypes().contains(EmailType.PREF) ? 1 : 100;
    }

    private static String extended(VCard card, String name) {
        RawProperty property = card.getExtendedProperty(name);
        return property == null || property.getValue() == null ? "" : property.getValue();
    }
}
