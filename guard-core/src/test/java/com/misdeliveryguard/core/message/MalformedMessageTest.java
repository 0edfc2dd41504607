package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed and hostile MIME (RELIABILITY "Tests worth having": MIME). Every case ends in bounded time
 * and memory with facts and a named problem, never an exception: the guard then holds the message.
 */
@Timeout(20)
class MalformedMessageTest {

    private static final String HEAD = """
            From: Taro Yamada <t.yamada@sakura-denki.co.jp>
            To: Ken Suzuki <k.suzuki@aoba-shoji.co.jp>
            Subject: test
            MIME-Version: 1.0
            """;

    @Test
    void shouldSkipMimeNestedThousandLevelsDeepAndReportTheDepth() {
        StringBuilder message = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"n0x\"\n\n");
        for (int level = 1; level <= 1000; level++) {
            message.append("--n").append(level - 1).append("x\nContent-Type: multipart/mixed; boundary=\"n")
                    .append(level).append("x\"\n\n");
        }
        message.append("--n1000x\nContent-Type: text/plain\nContent-Disposition: attachment; filename=deep.txt\n\ndeep\n");
        for (int level = 1000; level >= 0; level--) {
            message.append("--n").append(level).append("x--\n");
        }

        MessageFacts facts = Eml.parse(Eml.text(message.toString()));

        assertThat(facts.problems()).containsExactly("MIME nesting deeper than 32");
        assertThat(facts.from()).isPresent();
        assertThat(facts.attachmentNames()).isEmpty();
    }

    @Test
    void shouldSkipForwardedMessagesNestedTooDeep() {
        StringBuilder message = new StringBuilder();
        for (int level = 0; level < 200; level++) {
            message.append("From: level").append(level).append("@aoba-shoji.co.jp\nTo: x@sakura-denki.co.jp\n")
                    .append("Content-Type: message/rfc822\n\n");
        }
        message.append("From: inner@contoso.com\nContent-Type: text/plain\n\nDear Mr. Kimura,\n");

        MessageFacts facts = Eml.parse(Eml.text(message.toString()));

        assertThat(facts.problems()).containsExactly("MIME nesting deeper than 32");
        assertThat(facts.from()).map(HeaderAddress::rawAddress).contains("level0@aoba-shoji.co.jp");
        assertThat(facts.openingLines()).isEmpty();
    }

    @Test
    void shouldReadSiblingsAfterAPartNestedTooDeep() {
        MessageFactsParser shallow = new MessageFactsParser(new MessageFactsParser.Limits(1000, 65536, 16384, 2, 1000, 65536));
        MessageFacts facts = Eml.parse(shallow, Eml.text(HEAD + """
                Content-Type: multipart/mixed; boundary="a"

                --a
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: multipart/mixed; boundary="c"

                --c
                Content-Type: application/pdf; name=hidden.pdf

                x
                --c--
                --b--
                --a
                Content-Type: application/pdf; name=visible.pdf

                y
                --a--
                """));

        assertThat(facts.problems()).containsExactly("MIME nesting deeper than 2");
        assertThat(facts.attachmentNames()).containsExactly("visible.pdf");
    }

    @Test
    void shouldStopReadingAtThePartLimitOfTenThousandParts() {
        StringBuilder message = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"p\"\n\n");
        for (int part = 0; part < 10_000; part++) {
            message.append("--p\nContent-Type: application/octet-stream; name=\"f").append(part).append(".bin\"\n\nx\n");
        }
        message.append("--p--\n");

        MessageFacts facts = Eml.parse(Eml.text(message.toString()));

        assertThat(facts.problems()).containsExactly("too many parts (more than 1000)");
        assertThat(facts.attachmentNames()).hasSize(1000).startsWith("f0.bin");
        assertThat(facts.subject()).isEqualTo("test");
    }

    @Test
    void shouldReportAMultipartWithoutBoundaryParameterAndNotReadItAsText() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: multipart/mixed

                --x
                Content-Type: text/plain

                Dear Mr. Kimura of Contoso,
                --x--
                """));

        assertThat(facts.problems()).containsExactly("missing boundary");
        assertThat(facts.openingLines()).isEmpty();
    }

    @Test
    void shouldReportABoundaryThatNeverOccurs() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: multipart/mixed; boundary="declared"

                --other
                Content-Type: text/plain

                hello
                --other--
                """));

        assertThat(facts.problems()).containsExactly("missing boundary");
    }

    @Test
    void shouldReportAMultipartCutOffBeforeItsClosingBoundary() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: multipart/mixed; boundary="cut"

                --cut
                Content-Type: text/plain

                Dear Mr. Suzuki,
                --cut
                Content-Type: application/pdf; name="quote.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                """));

        assertThat(facts.problems()).containsExactly("missing closing boundary");
        assertThat(facts.openingLines()).isEqualTo("Dear Mr. Suzuki,");
        assertThat(facts.attachmentNames()).containsExactly("quote.pdf");
    }

    @Test
    void shouldReportANestedBoundaryThatBeginsWithTheEnclosingOne() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="outer-inner"

                --outer-inner
                Content-Type: text/plain

                hi
                --outer-inner--
                --outer--
                """));

        assertThat(facts.problems()).containsExactly("ambiguous boundary (one boundary begins with another)");
    }

    @Test
    void shouldReportBrokenBase64InTheTextPart() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                6Z2S6JGJ5ZWG5LqL!!!5qeY
                6Z2S6JGJ
                """));

        assertThat(facts.problems()).containsExactly("undecodable base64");
    }

    @Test
    void shouldReportTruncatedBase64() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                6Z2S6JGJ5ZWG5LqL5
                """));

        assertThat(facts.problems()).containsExactly("undecodable base64");
    }

    @Test
    void shouldReportBrokenQuotedPrintable() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                =E9=9D=92=E8=91=89=ZZ=E5=95
                """));

        assertThat(facts.problems()).containsExactly("undecodable quoted-printable");
    }

    @Test
    void shouldNotReportQuotedPrintableWithTrailingBlanksOrSoftBreaks() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                Dear Mr. Suzuki,  \s
                this line is soft=
                ly broken.
                """));

        assertThat(facts.problems()).isEmpty();
        assertThat(facts.openingLines()).isEqualTo("Dear Mr. Suzuki,\nthis line is softly broken.");
    }

    @Test
    void shouldReportAnUndecodableEncodedWord() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: =?UTF-8?B?6Z2S6J*GJ?= <b@aoba-shoji.co.jp>
                Subject: =?UTF-8?Q?bad=Z?=

                hi
                """));

        assertThat(facts.problems()).containsExactlyInAnyOrder("undecodable encoded word in To header",
                "undecodable encoded word in Subject header");
        assertThat(facts.subject()).isEqualTo("=?UTF-8?Q?bad=Z?=");
    }

    @Test
    void shouldReportAnUnknownCharset() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: b@aoba-shoji.co.jp
                Subject: =?x-klingon?Q?Qapla=27?=
                Content-Type: text/plain; charset=x-klingon

                hi
                """));

        assertThat(facts.problems()).containsExactlyInAnyOrder("unknown charset 'x-klingon' in Subject header",
                "unknown charset 'x-klingon' in body text");
        assertThat(facts.subject()).isEqualTo("Qapla'");
    }

    @Test
    void shouldReportAHeaderWith8BitTextThatIsNotUtf8() {
        byte[] head = Eml.text("From: a@sakura-denki.co.jp\nTo: b@aoba-shoji.co.jp\nSubject: ");
        byte[] shiftJis = {(byte) 0x8c, (byte) 0xa9, (byte) 0x90, (byte) 0xcf, (byte) 0x8f, (byte) 0x91}; // 見積書
        byte[] rest = Eml.text("\n\nhi\n");
        byte[] message = new byte[head.length + shiftJis.length + rest.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(shiftJis, 0, message, head.length, shiftJis.length);
        System.arraycopy(rest, 0, message, head.length + shiftJis.length, rest.length);

        MessageFacts facts = Eml.parse(message);

        assertThat(facts.subject()).isEqualTo("見積書");
        assertThat(facts.problems()).containsExactly("undeclared 8-bit charset in Subject header");
    }

    @Test
    void shouldReportAHeaderFieldLongerThanTheLimit() {
        StringBuilder to = new StringBuilder("To: a0@aoba-shoji.co.jp");
        for (int i = 1; i < 5000; i++) {
            to.append(",\n a").append(i).append("@aoba-shoji.co.jp");
        }

        MessageFacts facts = Eml.parse(Eml.text("From: x@sakura-denki.co.jp\n" + to + "\nSubject: many\n\nhi\n"));

        assertThat(facts.problems()).containsExactly("header too long (over 65536 bytes)");
        assertThat(facts.from()).isPresent();
    }

    @Test
    void shouldReportAHeaderLineLongerThanTheLimit() {
        MessageFacts facts = Eml.parse(Eml.text("From: x@sakura-denki.co.jp\nX-Junk: " + "y".repeat(20_000) + "\n\nhi\n"));

        assertThat(facts.problems()).containsExactly("line too long (over 16384 bytes)");
    }

    @Test
    void shouldReportTooManyHeaderFields() {
        MessageFacts facts = Eml.parse(Eml.text("From: x@sakura-denki.co.jp\n" + "X-Junk: y\n".repeat(2000) + "\nhi\n"));

        assertThat(facts.problems()).containsExactly("too many header fields (over 1000)");
    }

    @Test
    void shouldReportHeaderLinesThatAreNotFields() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                this line is not a header field
                To: b@aoba-shoji.co.jp

                hi
                """));

        assertThat(facts.problems()).containsExactly("malformed header line");
        assertThat(facts.to()).hasSize(1);
    }

    @Test
    void shouldReportAWhitespaceOnlyLineThatOtherReadersTakeForTheEndOfTheHeader() {
        MessageFacts facts = Eml.parse(Eml.text("From: a@sakura-denki.co.jp\nTo: b@aoba-shoji.co.jp,\n \n c@kaede-bussan.co.jp\n\nhi\n"));

        assertThat(facts.problems()).containsExactly("malformed header line");
    }

    @Test
    void shouldNotReportBodyPartsWithAnEmptyHeader() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: multipart/mixed; boundary="e"

                --e

                Dear Mr. Suzuki,
                --e--
                """));

        assertThat(facts.problems()).isEmpty();
        assertThat(facts.openingLines()).isEqualTo("Dear Mr. Suzuki,");
    }

    @Test
    void shouldReportRepeatedMimeFieldsThatParsersResolveDifferently() {
        MessageFacts facts = Eml.parse(Eml.text(HEAD + """
                Content-Type: text/plain; charset=utf-8
                Content-Type: application/octet-stream; name="x.exe"
                Content-Disposition: attachment; filename="a.pdf"; filename="b.exe"

                hi
                """));

        assertThat(facts.problems()).containsExactlyInAnyOrder("duplicate Content-Type header",
                "duplicate parameter 'filename' in Content-Disposition header");
    }

    @Test
    void shouldReadAFiftyMegabyteMessageWithBoundedMemory() throws IOException {
        String head = HEAD + """
                Content-Type: multipart/mixed; boundary="big"

                --big
                Content-Type: text/plain; charset=us-ascii

                Dear Mr. Suzuki,
                please find the drawings attached.
                --big
                Content-Type: application/octet-stream; name="drawings.tar"
                Content-Transfer-Encoding: base64

                """;
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
        long lines = 50L * 1024 * 1024 / (line.length() + 1);
        InputStream message = GeneratedMessage.of(head, line, lines, "--big--\n");
        MessageFactsParser parser = new MessageFactsParser(MessageFactsParser.Limits.defaults());

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        MessageFacts facts = parser.parse(message, List.of());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(facts.problems()).isEmpty();
        assertThat(facts.attachmentNames()).containsExactly("drawings.tar");
        assertThat(facts.openingLines()).isEqualTo("Dear Mr. Suzuki,\nplease find the drawings attached.");
        assertThat(message.read()).as("the whole message was read").isEqualTo(-1);
        assertThat(allocated).as("bytes allocated while parsing 50 MB").isLessThan(16L * 1024 * 1024);
    }

    @Test
    void shouldKeepOnlyTheCapOfAHugeTextPart() throws IOException {
        InputStream message = GeneratedMessage.of(HEAD + "Content-Type: text/plain\n\n", "word ".repeat(15) + "\n",
                1_000_000, "");
        MessageFactsParser parser = new MessageFactsParser(MessageFactsParser.Limits.defaults());

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        MessageFacts facts = parser.parse(message, List.of());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(facts.openingLines().lines()).hasSize(OpeningLines.MAX_LINES);
        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void shouldThrowIOExceptionOnlyWhenTheStreamItselfFails() {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(Eml.text(HEAD + "\nDear")),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk read error");
                    }
                });
        MessageFactsParser parser = new MessageFactsParser(MessageFactsParser.Limits.defaults());

        assertThatThrownBy(() -> parser.parse(failing, List.of())).isInstanceOf(IOException.class)
                .hasMessage("disk read error");
    }

    @Test
    void shouldSurviveRandomBytes() {
        Random random = new Random(20250401);
        for (int round = 0; round < 20; round++) {
            byte[] junk = new byte[64 * 1024];
            random.nextBytes(junk);
            MessageFacts facts = Eml.parse(junk);
            assertThat(facts.wellFormed()).isFalse();
        }
    }

    @Test
    void shouldSurviveMimeFragmentsInRandomOrder() {
        String[] fragments = {"From: a@b.example.com\n", "To: \"x, <y@z.example.com>\n", "Content-Type: multipart/mixed; boundary=q\n",
            "\n", "--q\n", "--q--\n", "Content-Transfer-Encoding: base64\n", "=?UTF-8?B?\n", "Content-Type: message/rfc822\n",
            "filename*0*=x'';\n", "<<>>\n", "=\n", "\u202E\n", "Subject: =?ISO-2022-JP?B?GyRC?=\n"};
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            StringBuilder message = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                message.append(fragments[random.nextInt(fragments.length)]);
            }
            assertThat(Eml.parse(Eml.text(message.toString()))).isNotNull();
        }
    }
}
