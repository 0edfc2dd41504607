package com.misdeliveryguard.app.audit.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel shows Japanese), RFC 4180 quoting, CRLF.
 * A cell that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so a
 * spreadsheet never runs it as a formula (CSV injection).
 */
public final class CsvWriter {

    static final String BOM = "\uFEFF";
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void bom() {
        write(BOM);
    }

    public void row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(neutralize(cells.get(i) == null ? "" : cells.get(i))));
        }
        write(line.append("\r\n").toString());
    }

    static String neutralize(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
