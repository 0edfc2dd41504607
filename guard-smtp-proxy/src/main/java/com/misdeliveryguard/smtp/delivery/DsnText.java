package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.smtp.delivery.DsnRecipient.Action;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The human-readable first part of a notification, in English and then Japanese. */
final class DsnText {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String NL = "\r\n";

    private DsnText() {
    }

    static String of(DsnRequest request) {
        List<DsnRecipient> failed = request.recipients().stream().filter(r -> r.action() == Action.FAILED).toList();
        List<DsnRecipient> delayed = request.recipients().stream().filter(r -> r.action() == Action.DELAYED).toList();
        StringBuilder b = new StringBuilder();
        b.append("This is the mail system at host ").append(request.reportingHost()).append(" (Misdelivery Guard).")
                .append(NL).append(NL);
        if (!failed.isEmpty()) {
            b.append("Your message could not be delivered to the following recipients. It will not be").append(NL)
                    .append("retried; please check the addresses and send it again if needed.").append(NL).append(NL);
            list(b, failed);
        }
        if (!delayed.isEmpty()) {
            b.append("Your message has not been delivered yet to the following recipients. The mail").append(NL)
                    .append("system keeps trying; you do not need to send it again.").append(NL).append(NL);
            list(b, delayed);
        }
        b.append("The headers of your message are attached.").append(NL).append(NL);
        b.append("----------------------------------------------------------------------").append(NL).append(NL);
        b.append("このメールは ").append(request.reportingHost()).append(" のメールシステム (Misdelivery Guard) からの自動通知です。")
                .append(NL).append(NL);
        if (!failed.isEmpty()) {
            b.append("お送りいただいたメールは、次の宛先に配送できませんでした。再送は行いません。").append(NL)
                    .append("宛先をご確認のうえ、必要であれば送り直してください。").append(NL).append(NL);
            list(b, failed);
        }
        if (!delayed.isEmpty()) {
            b.append("お送りいただいたメールは、次の宛先にまだ配送できていません。").append(NL)
                    .append("配送を自動的に再試行していますので、送り直す必要はありません。").append(NL).append(NL);
            list(b, delayed);
        }
        b.append("元のメールのヘッダーを添付します。").append(NL);
        return b.toString();
    }

    private static void list(StringBuilder b, List<DsnRecipient> recipients) {
        for (DsnRecipient r : recipients) {
            b.append("  ").append(r.recipient().toSmtpPath()).append(NL);
            b.append("    ").append(r.reply()).append(NL);
            r.willRetryUntil().ifPresent(t -> b.append("    retrying until / 再試行期限: ").append(WHEN.format(t)).append(NL));
        }
        b.append(NL);
    }
}
