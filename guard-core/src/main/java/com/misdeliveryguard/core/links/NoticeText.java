package com.misdeliveryguard.core.links;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the notice a recipient reads where the attachments were: each file with size, SHA-256, the
 * recipient's own link, the expiry and the download limit; Japanese or English.
 */
public final class NoticeText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private NoticeText() {
    }

    /**
     * @param japanese     Japanese text (else English)
     * @param files        the linked files
     * @param link         the recipient's {@code <public-url>/d/<token>}
     * @param expires      when the link stops working
     * @param zone         the zone the expiry is shown in
     * @param maxDownloads downloads per file
     */
    public static Notice of(boolean japanese, List<LinkedFile> files, String link, Instant expires, ZoneId zone,
            int maxDownloads) {
        String when = TIME.format(ZonedDateTime.ofInstant(expires, zone)) + " (" + zone.getId() + ")";
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder("<div style=\"border:1px solid #888;padding:8px;margin:12px 0;"
                + "font-family:sans-serif\">");
        if (japanese) {
            plain.append("──────────────────────────────\n")
                    .append("【添付ファイルはダウンロードリンクでお送りしています】\n")
                    .append("このメールの添付ファイルは、誤送信対策のため次のリンクからダウンロードしてください。\n")
                    .append("ダウンロード: ").append(link).append('\n')
                    .append("有効期限: ").append(when).append("（各ファイル ").append(maxDownloads).append(" 回まで）\n\n");
            html.append("<p><b>【添付ファイルはダウンロードリンクでお送りしています】</b><br>")
                    .append("このメールの添付ファイルは、誤送信対策のため次のリンクからダウンロードしてください。</p>")
                    .append("<p>ダウンロード: <a href=\"").append(escape(link)).append("\">").append(escape(link))
                    .append("</a><br>有効期限: ").append(escape(when)).append("（各ファイル ").append(maxDownloads)
                    .append(" 回まで）</p><ul>");
        } else {
            plain.append("------------------------------------------------------------\n")
                    .append("[The attachments of this mail are sent as a download link]\n")
                    .append("To prevent misdelivery, download the attachments from this link:\n")
                    .append("Download: ").append(link).append('\n')
                    .append("Expires: ").append(when).append(" (at most ").append(maxDownloads)
                    .append(" downloads per file)\n\n");
            html.append("<p><b>[The attachments of this mail are sent as a download link]</b><br>")
                    .append("To prevent misdelivery, download the attachments from this link:</p>")
                    .append("<p>Download: <a href=\"").append(escape(link)).append("\">").append(escape(link))
                    .append("</a><br>Expires: ").append(escape(when)).append(" (at most ").append(maxDownloads)
                    .append(" downloads per file)</p><ul>");
        }
        for (LinkedFile f : files) {
            plain.append(japanese ? "・" : "* ").append(f.name()).append(" (").append(size(f.size())).append(")\n")
                    .append("  SHA-256: ").append(f.sha256()).append('\n');
            html.append("<li>").append(escape(f.name())).append(" (").append(size(f.size())).append(")<br>")
                    .append("<small>SHA-256: ").append(f.sha256()).append("</small></li>");
        }
        plain.append(japanese ? "──────────────────────────────\n"
                : "------------------------------------------------------------\n");
        html.append("</ul></div>");
        return new Notice(plain.toString(), html.toString());
    }

    /** {@code 1.2 MB}, {@code 340 KB}, {@code 12 bytes}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** Whether text reads as Japanese: kana or kanji in it. */
    public static boolean looksJapanese(String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            return s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                    || s == Character.UnicodeScript.HAN;
        });
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
