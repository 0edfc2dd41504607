package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.MessageReceived;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CSV export opens in Excel with correct Japanese (UTF-8 with BOM) and cannot run formulas:
 * cells starting with {@code = + - @} (addresses may legally start with {@code =}, {@code +} or
 * {@code -}; an AUTH name can be anything) get a leading apostrophe. The export is itself logged.
 */
class CsvExportTest extends AuditApplicationTestBase {

    @Test
    void shouldStartWithABomKeepJapaneseAndNeutralizeFormulaCells() throws Exception {
        Envelope envelope = new Envelope(Events.sender("=cmd@example.co.jp"),
                List.of(MailAddress.of("+sum@example.com"), MailAddress.of("-minus@example.com")),
                Optional.of("@SUM(1+1)"), "192.0.2.1", "pc.example", true, false, Instant.now());
        MessageFacts facts = new MessageFacts(Optional.empty(), List.of(), List.of(), List.of(), "見積書の件",
                List.of(), Optional.of("csv@example.co.jp"), List.of(), List.of(), "", List.of());
        decisionLog.append(new MessageReceived("CSV1", envelope, 10, "cd".repeat(32), false, Optional.of(facts)));

        ConsoleClient auditor = console();
        auditor.signIn("auditor", PASSWORD);
        HttpResponse<byte[]> response = auditor.getBytes("/audit/export.csv?lang=en&sender=%3Dcmd%40example.co.jp");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition")).get().asString().contains("attachment");
        byte[] body = response.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("seq,time,type,queue_id,sender,subject,recipients,outcome");
        assertThat(new String(auditor.getBytes("/audit/export.csv?lang=ja&sender=%3Dcmd%40example.co.jp").body(),
                StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .contains("番号,日時,イベント,キューID,送信者,件名,宛先,結果");
        assertThat(lines).hasSize(2);
        String row = lines.get(1);
        assertThat(row).contains(",'=cmd@example.co.jp,").contains(",'+sum@example.com -minus@example.com,")
                .contains(",'@SUM(1+1),").contains("見積書の件").contains("CSV1");
        assertThat(csv).endsWith("\r\n");

        assertThat(queries.page(new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("audit-access")), Optional.empty(),
                Optional.empty(), 1).entries().get(0).details()).contains("\"view\":\"export-csv\"");
    }
}
