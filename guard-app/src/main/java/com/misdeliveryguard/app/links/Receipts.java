package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.links.NoticeText;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's receipt when a message left with links: who got links, which files, until when, and the
 * private link to {@code /my/sent/<token>} (downloads, revoke, report a misdelivery). Sent once per
 * message (a flag in the sending row), in the message's language with the other one below.
 */
final class Receipts {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final LinkStore store;
    private final LinkKeys keys;
    private final PlainMail mail;
    private final GeneratedMail queue;
    private final People people;
    private final String publicUrl;
    private final ZoneId zone;

    Receipts(LinkStore store, LinkKeys keys, PlainMail mail, GeneratedMail queue, People people, String publicUrl,
            ZoneId zone) {
        this.store = store;
        this.keys = keys;
        this.mail = mail;
        this.queue = queue;
        this.people = people;
        this.publicUrl = publicUrl;
        this.zone = zone;
    }

    void send(Sending sending, List<MailAddress> linked, List<Sending.File> files) {
        if (sending.sender().equals("<>")) {
            return;
        }
        try {
            if (!store.markReceiptSent(sending.queueId())) {
                return;
            }
            String link = publicUrl + "/my/sent/" + keys.senderToken(sending.queueId());
            String ja = japanese(sending, linked, files, link);
            String en = english(sending, linked, files, link);
            String text = sending.japanese() ? ja + "\n----------------------------------------\n\n" + en
                    : en + "\n----------------------------------------\n\n" + ja;
            String subject = sending.japanese() ? "添付ファイルをリンクで送信しました: " + sending.subject()
                    : "Attachments sent as links: " + sending.subject();
            queue.send(mail.write(sending.sender(), subject, text), MailAddress.of(sending.sender()));
        } catch (Exception e) {
            log.error("Cannot queue the receipt of {} to {}", sending.queueId(), sending.sender(), e);
        }
    }

    private String japanese(Sending s, List<MailAddress> linked, List<Sending.File> files, String link) {
        StringBuilder b = new StringBuilder();
        b.append("メール「").append(s.subject()).append("」を送信しました。社外の宛先には、添付ファイルの代わりに各自専用の")
                .append("ダウンロードリンクが届いています。\n\n")
                .append("ダウンロード状況の確認・リンクの取り消し・誤送信の報告:\n").append(link).append("\n\n")
                .append("有効期限: ").append(time(s)).append("\n\n宛先:\n");
        linked.forEach(r -> b.append("  ・").append(people.of(r.toString()).line()).append('\n'));
        b.append("\nファイル:\n");
        files.forEach(f -> b.append("  ・").append(f.name()).append(" (").append(NoticeText.size(f.size()))
                .append(")\n    SHA-256: ").append(f.sha256()).append('\n'));
        b.append("\n誤送信に気づいたら、相手に直接連絡せず、上のページの「誤送信を報告」を押してください。")
                .append("リンクが取り消され、情報セキュリティ責任者に報告されます。\n");
        return b.toString();
    }

    private String english(Sending s, List<MailAddress> linked, List<Sending.File> files, String link) {
        StringBuilder b = new StringBuilder();
        b.append("Your mail \"").append(s.subject()).append("\" was sent. Its external recipients received their own ")
                .append("download link instead of the attachments.\n\n")
                .append("See who downloaded what, revoke links, report a misdelivery:\n").append(link).append("\n\n")
                .append("Links expire: ").append(time(s)).append("\n\nRecipients:\n");
        linked.forEach(r -> b.append("  * ").append(people.of(r.toString()).line()).append('\n'));
        b.append("\nFiles:\n");
        files.forEach(f -> b.append("  * ").append(f.name()).append(" (").append(NoticeText.size(f.size()))
                .append(")\n    SHA-256: ").append(f.sha256()).append('\n'));
        b.append("\nIf this mail went to the wrong person, do not contact them yourself: press \"Report a ")
                .append("misdelivery\" on the page above. The links are revoked and the security officer is told.\n");
        return b.toString();
    }

    private String time(Sending s) {
        return TIME.format(ZonedDateTime.ofInstant(s.expiresAt(), zone)) + " (" + zone.getId() + ")";
    }
}
