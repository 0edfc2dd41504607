package com.misdeliveryguard.directory.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV address book of any {@link CsvLayout}, streaming, reporting each record with the
 * line it starts on. Broken quoting, an undecodable byte or an endless record fail the import with
 * the line where the parser gave up.
 */
final class CsvContactReader implements ContactReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final Path file;
    private final int maxRecordChars;

    CsvContactReader(Path file, int maxRecordChars) {
        this.file = file;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public String origin() {
        return file.getFileName().toString();
    }

    @Override
    public void read(RowSink sink) throws ImportFailure {
        DecodedText.Opened opened = DecodedText.open(file);
        BoundedRecordReader bounded = new BoundedRecordReader(opened.reader(), maxRecordChars);
        CSVParser parser = null;
        try (bounded) {
            parser = CSVParser.builder().setReader(bounded).setFormat(FORMAT).get();
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new ImportFailure("the file is empty", 0);
            }
            CSVRecord header = records.next();
            bounded.recordBoundary();
            CsvLayout layout = CsvLayout.recognize(header.toList()).orElseThrow(() -> new ImportFailure(
                    "header not recognized: expected the canonical 'email,name,name_kana,organization,department',"
                            + " an Outlook export ('E-mail Address' / '電子メール アドレス') or a Google Contacts export"
                            + " ('E-mail 1 - Value')", 1));
            while (records.hasNext()) {
                CSVRecord record = records.next();
                bounded.recordBoundary();
                layout.read(startLine(parser.getCurrentLineNumber(), record), record, sink);
            }
        } catch (UncheckedIOException e) {
            throw failure(e.getCause(), parser, opened);
        } catch (IOException e) {
            throw failure(e, parser, opened);
        }
    }

    private ImportFailure failure(IOException cause, CSVParser parser, DecodedText.Opened opened) {
        long line = parser == null ? 0 : Math.max(1, parser.getCurrentLineNumber());
        if (cause instanceof BoundedRecordReader.RecordTooLongException) {
            return new ImportFailure(cause.getMessage() + " starting near line " + line
                    + ": probably an unclosed quote (\")", line);
        }
        if (cause instanceof CharacterCodingException) {
            return new ImportFailure("not valid " + opened.charset().name() + " text", line + 1);
        }
        if (cause instanceof CSVException) {
            return new ImportFailure("broken CSV quoting: " + cause.getMessage(), line);
        }
        return new ImportFailure("cannot read the file: " + cause, line);
    }

    /** The line a record starts on, from the line the parser ended it on and the line breaks inside it. */
    static long startLine(long endLine, CSVRecord record) {
        long breaks = 0;
        for (String value : record) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return endLine - breaks;
    }
}
