package com.misdeliveryguard.core.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRewriterTest {

    private static final byte[] PDF = pdf();
    private final MessageRewriter rewriter = new MessageRewriter();

    private static byte[] pdf() {
        byte[] b = new byte[5000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static String b64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] japaneseMessage() {
        Charset jis = Charset.forName("ISO-2022-JP");
        return join(crlf("""
                From: tanaka@example.co.jp
                To: suzuki@midori-bank.co.jp
                Subject: =?UTF-8?B?6KaL56mN5pu4?=
                Message-ID: <m1@example.co.jp>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                preamble
                --outer
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=ISO-2022-JP
                Content-Transfer-Encoding: 7bit

                """), "鈴木様\r\nお見積りを送ります。\r\n".getBytes(jis), crlf("""
                --alt
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                """), "<html><body><p>鈴木様</p></body></html>".getBytes(StandardCharsets.UTF_8), crlf("""

                --alt--

                --outer
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.pdf
                Content-Transfer-Encoding: base64

                """), crlf(b64(PDF)), crlf("""

                --outer--
                epilogue
                """));
    }

    private Scan scanInto(byte[] message, Map<Integer, byte[]> stored) throws IOException {
        return rewriter.scan(new ByteArrayInputStream(message), (part, name, type, content) ->
                stored.put(part, content.readAllBytes()));
    }

    private byte[] render(byte[] message, Scan scan) throws IOException {
        return render(message, scan, true);
    }

    private byte[] render(byte[] message, Scan scan, boolean japanese) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Notice notice = NoticeText.of(japanese, scan.files(), "https://guard.test/d/TOKEN", Instant.parse("2026-12-13T06:00:00Z"),
                ZoneId.of("Asia/Tokyo"), 5);
        rewriter.render(new ByteArrayInputStream(message), scan.plan(scan.files().stream().map(LinkedFile::part).toList()),
                notice, out);
        return out.toByteArray();
    }

    @Test
    void shouldStoreTheJapaneseNamedPdfAndPutTheNoticeInBothAlternatives() throws Exception {
        byte[] message = japaneseMessage();
        Map<Integer, byte[]> stored = new LinkedHashMap<>();
        Scan scan = scanInto(message, stored);

        assertThat(scan.files()).hasSize(1);
        LinkedFile file = scan.files().get(0);
        assertThat(file.name()).isEqualTo("見積書.pdf");
        assertThat(file.size()).isEqualTo(PDF.length);
        assertThat(file.sha256()).isEqualTo(sha(PDF));
        assertThat(stored.get(file.part())).isEqualTo(PDF);

        byte[] rewritten = render(message, scan);
        String text = new String(rewritten, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(b64(PDF).substring(0, 76)).doesNotContain("filename*")
                .startsWith("From: tanaka@example.co.jp\r\nTo: suzuki@midori-bank.co.jp\r\nSubject: =?UTF-8?B?6KaL56mN5pu4?=\r\n"
                        + "Message-ID: <m1@example.co.jp>\r\n")
                .contains("preamble\r\n").contains("--outer--\r\nepilogue\r\n")
                .contains("Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
        String jis = new String(rewritten, Charset.forName("ISO-2022-JP"));
        assertThat(jis).contains("鈴木様\r\nお見積りを送ります。\r\n").contains("https://guard.test/d/TOKEN")
                .contains("見積書.pdf").contains(sha(PDF));
        String utf8 = new String(rewritten, StandardCharsets.UTF_8);
        assertThat(utf8).contains("<p>鈴木様</p><div").contains("見積書.pdf").contains("</div>\r\n</body></html>");
    }

    @Test
    void shouldLinkTheAttachmentOfAForwardedMessageAndKeepItsText() throws Exception {
        byte[] message = crlf("""
                From: a@example.co.jp
                To: b@example.com
                Subject: Fwd: report
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b1

                --b1
                Content-Type: text/plain

                See below.
                --b1
                Content-Type: message/rfc822

                From: c@example.org
                Subject: report
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary=b2

                --b2
                Content-Type: text/plain

                The report is attached.
                --b2
                Content-Type: text/csv; name="report.csv"

                a,b
                1,2
                --b2--

                --b1--
                """);
        Map<Integer, byte[]> stored = new LinkedHashMap<>();
        Scan scan = scanInto(message, stored);
        assertThat(scan.files()).extracting(LinkedFile::name).containsExactly("report.csv");
        assertThat(stored.values()).containsExactly("a,b\r\n1,2".getBytes(StandardCharsets.US_ASCII));

        String out = new String(render(message, scan, false), StandardCharsets.UTF_8);
        assertThat(out).contains("The report is attached.").doesNotContain("1,2").contains("* report.csv (8 bytes)")
                .contains("Content-Type: text/plain\r\n\r\nSee below.\r\n\r\n-----").contains("--b2--").contains("--b1--");
    }

    @Test
    void aMessageThatIsOnlyAnAttachmentBecomesTheNotice() throws Exception {
        byte[] message = crlf("""
                From: a@example.co.jp
                To: b@example.com
                Subject: file
                MIME-Version: 1.0
                Content-Type: application/octet-stream; name=data.bin
                Content-Transfer-Encoding: base64

                """ + b64(PDF) + "\n");
        Scan scan = scanInto(message, new LinkedHashMap<>());
        String out = new String(render(message, scan), StandardCharsets.US_ASCII);
        assertThat(out).startsWith("From: a@example.co.jp\r\nTo: b@example.com\r\nSubject: file\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        String body = out.substring(out.indexOf("\r\n\r\n") + 4);
        assertThat(new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8)).contains("data.bin")
                .contains(sha(PDF));
    }

    @Test
    void signedMessagesAreRecognized() throws Exception {
        byte[] message = crlf("""
                From: a@example.co.jp
                MIME-Version: 1.0
                Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary=s

                --s
                Content-Type: multipart/mixed; boundary=m

                --m
                Content-Type: text/plain

                hi
                --m
                Content-Type: application/pdf; name=a.pdf

                x
                --m--
                --s
                Content-Type: application/pkcs7-signature; name=smime.p7s

                sig
                --s--
                """);
        Map<Integer, byte[]> stored = new LinkedHashMap<>();
        Scan scan = scanInto(message, stored);
        assertThat(scan.signedAs()).contains("multipart/signed");
        assertThat(stored).isEmpty();
    }

    @Test
    void inlineImagesOfTheHtmlStayAndAKeptPlanCopiesEveryByte() throws Exception {
        byte[] message = crlf("""
                From: a@example.co.jp
                MIME-Version: 1.0
                Content-Type: multipart/related; boundary=r

                --r
                Content-Type: text/html; charset=UTF-8

                <html><body><img src="cid:logo"></body></html>
                --r
                Content-Type: image/png; name=logo.png
                Content-ID: <logo>
                Content-Disposition: inline; filename=logo.png

                PNG
                --r--
                """);
        Scan scan = scanInto(message, new LinkedHashMap<>());
        assertThat(scan.files()).isEmpty();
        byte[] japanese = japaneseMessage();
        Scan other = scanInto(japanese, new LinkedHashMap<>());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rewriter.render(new ByteArrayInputStream(japanese), other.plan(List.of()), new Notice("", ""), out);
        assertThat(out.toByteArray()).isEqualTo(japanese);
    }
}
