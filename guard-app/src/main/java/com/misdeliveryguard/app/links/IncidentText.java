package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.links.NoticeText;
import java.time.ZoneId;

/** The security officer's mail about an incident, Japanese and English in one text. */
final class IncidentText {

    private IncidentText() {
    }

    static String of(Incident i, String publicUrl, ZoneId zone) {
        Sending s = i.sending();
        StringBuilder b = new StringBuilder();
        b.append("誤送信の報告がありました / A misdelivery was reported (#").append(i.id()).append(")\n\n")
                .append("件名 Subject: ").append(s.subject()).append('\n')
                .append("送信者 Sender: ").append(i.sender().line()).append('\n')
                .append("送信日時 Sent: ").append(Incidents.time(s.sentAt(), zone)).append('\n')
                .append("報告日時 Reported: ").append(Incidents.time(i.reportedAt(), zone)).append('\n')
                .append("報告者 Reported by: ").append(i.reporterKind().toLowerCase()).append(' ').append(i.reporter())
                .append('\n')
                .append("経緯 Background: ").append(i.background().isEmpty() ? "-" : i.background()).append('\n')
                .append("検出ルール Rules fired: ").append(s.rules().isEmpty() ? "なし none" : String.join(", ", s.rules()))
                .append("\n\n誤送信先 Misdelivered to: ").append(String.join(", ", i.named())).append("\n\n")
                .append("ファイル Files:\n");
        for (Sending.File f : i.files()) {
            b.append("  - ").append(f.name()).append(" (").append(NoticeText.size(f.size())).append(") SHA-256 ")
                    .append(f.sha256()).append('\n');
        }
        b.append("\n宛先ごとのダウンロード状況 Downloads per recipient:\n");
        for (Incident.RecipientState r : i.recipients()) {
            b.append("  ").append(r.person().line())
                    .append(r.revokedAt().map(t -> " [リンク取消済 revoked " + Incidents.time(t, zone) + "]").orElse(""))
                    .append('\n');
            for (Incident.FileState f : r.files()) {
                b.append("    ").append(f.file().name()).append(": ");
                if (f.downloads().isEmpty()) {
                    b.append("未ダウンロード not downloaded");
                } else {
                    b.append("ダウンロード済 downloaded ").append(f.downloads().size()).append("x, first ")
                            .append(Incidents.time(f.downloads().get(0), zone));
                }
                b.append('\n');
            }
        }
        b.append("\nコンソール Console: ").append(publicUrl).append("/audit/incidents/").append(i.id()).append('\n');
        return b.toString();
    }
}
