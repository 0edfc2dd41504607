package com.misdeliveryguard.directory.importer;

import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Outlook's "Comma Separated Values" contacts export, with English or Japanese headers
 * ({@code E-mail Address}/{@code 電子メール アドレス}, {@code First Name}/{@code 名},
 * {@code Last Name}/{@code 姓}, {@code Company}/{@code 会社名}, {@code Department}/{@code 部署}).
 * The first address is the primary one, the second and third become aliases.
 */
final class OutlookCsvLayout implements CsvLayout {

    private static final String[] EMAIL_1 = {"emailaddress", "電子メールアドレス", "eメールアドレス"};
    private static final String[] EMAIL_2 = {"email2address", "電子メール2アドレス", "eメール2アドレス"};
    private static final String[] EMAIL_3 = {"email3address", "電子メール3アドレス", "eメール3アドレス"};

    private final CsvColumns columns;

    OutlookCsvLayout(CsvColumns columns) {
        this.columns = columns;
    }

    static boolean recognizes(CsvColumns columns) {
        return columns.has(EMAIL_1);
    }

    @Override
    public void read(long line, CSVRecord record, RowSink sink) {
        String given = join(columns.get(record, "firstname", "名"), columns.get(record, "middlename", "ミドルネーム"));
        String family = columns.get(record, "lastname", "姓");
        sink.contact(new RawContact(line, "",
                List.of(columns.get(record, EMAIL_1), columns.get(record, EMAIL_2), columns.get(record, EMAIL_3)),
                columns.get(record, "displayname", "表示名"), family, given, "",
                columns.get(record, "yomilastname", "lastnameyomi", "ふりがな姓", "姓ふりがな", "フリガナ姓", "姓フリガナ",
                        "よみがな姓", "姓よみがな"),
                columns.get(record, "yomifirstname", "firstnameyomi", "ふりがな名", "名ふりがな", "フリガナ名", "名フリガナ",
                        "よみがな名", "名よみがな"),
                columns.get(record, "company", "会社名", "会社"),
                columns.get(record, "department", "部署", "部署名")));
    }

    private static String join(String first, String middle) {
        return middle.isEmpty() ? first : first + " " + middle;
    }
}
