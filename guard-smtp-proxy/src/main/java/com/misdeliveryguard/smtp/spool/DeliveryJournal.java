package com.misdeliveryguard.smtp.spool;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-message delivery journal (after Exim's): an append-only file beside the message whose
 * lines record each recipient's final upstream result and each deferral. Every append is fsynced
 * before the caller goes on, so a recipient recorded as relayed is never sent again, even after a crash.
 *
 * <p>Lines: {@code relayed <addr> <reply>}, {@code bounced <addr> <reply>},
 * {@code dropped <addr> <reason>} (the sender released the message without this recipient),
 * {@code deferred <attempt> <next-attempt> <reply>}. A torn last line (crash mid-append) is ignored.
 *
 * <p>Every append starts with a line {@code message <queue id>} (after an empty line, so that it starts a line
 * even after a torn one), and a line counts for a message only after a line naming it: a message directory is
 * used again for a later message (ADR 0015), and its journal is only truncated, unsynced, in between, so after a
 * power failure the earlier message's lines may come back under the later one's. Lines before the first
 * {@code message} line were written before this header existed (or by nobody else): they count when the first
 * header names this message, or when there is none ({@link Spool} never keeps a journal without one for reuse).
 *
 * <p>Appends go through a {@link FileOutputStream} and {@link java.io.FileDescriptor#sync}, not an
 * interruptible {@link java.nio.channels.FileChannel}: a delivery worker interrupted at shutdown
 * after the upstream's 250 still records that 250 (an interruptible channel would close itself
 * with {@code ClosedByInterruptException} and the recipient would be sent again after the restart).
 */
public final class DeliveryJournal {

    static final String FILE = "journal";
    /** Starts the line naming the message the lines after it are about. */
    static final String HEADER = "message ";

    private DeliveryJournal() {
    }

    /** What the journal says so far. */
    public record State(Map<MailAddress, String> relayed, Map<MailAddress, String> bounced,
            Map<MailAddress, String> dropped, int attempts, Optional<Instant> nextAttempt, String lastReply) {

        public static final State EMPTY = new State(Map.of(), Map.of(), Map.of(), 0, Optional.empty(), "");

        /** Recipients without a final result yet. */
        public List<MailAddress> pending(List<MailAddress> recipients) {
            return recipients.stream()
                    .filter(r -> !relayed.containsKey(r) && !bounced.containsKey(r) && !dropped.containsKey(r))
                    .toList();
        }
    }

    /** How every append begins: an empty line, then the line naming the message ({@link #HEADER} and its id). */
    private static final String OPENING = "\n" + HEADER;

    static void append(Path messageDir, List<String> lines, Durability durability) throws IOException {
        StringBuilder text = new StringBuilder(OPENING).append(messageDir.getFileName()).append('\n');
        for (String line : lines) {
            text.append(line.replaceAll("[\\r\\n]+", " ")).append('\n');
        }
        try (FileOutputStream out = new FileOutputStream(messageDir.resolve(FILE).toFile(), true)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            durability.force(out.getFD());
        }
    }

    /**
     * Whether an open journal is empty or begins as {@link #append} begins (so every line of it is read only for the
     * message it names); reads from the channel's position.
     */
    static boolean namesItsMessages(FileChannel journal) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(OPENING.length());
        while (start.hasRemaining() && journal.read(start) >= 0) {
            // a journal is short; read its first line's start
        }
        String opening = new String(start.array(), 0, start.position(), StandardCharsets.US_ASCII);
        return start.position() == 0 || opening.equals(OPENING);
    }

    static State read(Path messageDir) throws IOException {
        String text;
        try {
            text = Files.readString(messageDir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return State.EMPTY;
        }
        Map<MailAddress, String> relayed = new LinkedHashMap<>();
        Map<MailAddress, String> bounced = new LinkedHashMap<>();
        Map<MailAddress, String> dropped = new LinkedHashMap<>();
        int attempts = 0;
        Instant next = null;
        String lastReply = "";
        int end = text.lastIndexOf('\n');
        String id = messageDir.getFileName().toString();
        String[] lines = text.substring(0, end + 1).split("\n");
        // lines before any header count when the first header names this message, or when there is none
        boolean counts = Arrays.stream(lines).filter(l -> l.startsWith(HEADER)).findFirst()
                .map(first -> first.equals(HEADER + id)).orElse(true);
        for (String line : lines) {
            if (line.startsWith(HEADER)) {
                counts = line.equals(HEADER + id);
                continue;
            }
            if (!counts) {
                continue;
            }
            String[] f = line.split(" ", 4);
            try {
                switch (f[0]) {
                    case "relayed" -> relayed.put(MailAddress.of(f[1]), rest(f, 2));
                    case "bounced" -> bounced.put(MailAddress.of(f[1]), rest(f, 2));
                    case "dropped" -> dropped.put(MailAddress.of(f[1]), rest(f, 2));
                    case "deferred" -> {
                        attempts = Integer.parseInt(f[1]);
                        next = Instant.parse(f[2]);
                        lastReply = rest(f, 3);
                    }
                    default -> {
                        // blank or unknown line: ignore, the journal is only ever appended by us
                    }
                }
            } catch (RuntimeException e) {
                throw new IOException("unreadable journal line in " + messageDir + ": " + line, e);
            }
        }
        return new State(relayed, bounced, dropped, attempts, Optional.ofNullable(next), lastReply);
    }

    private static String rest(String[] fields, int from) {
        if (fields.length <= from) {
            return "";
        }
        return from == 2 && fields.length == 4 ? fields[2] + " " + fields[3] : fields[from];
    }

    static String relayed(MailAddress rcpt, String reply) {
        return "relayed " + rcpt + " " + reply;
    }

    static String bounced(MailAddress rcpt, String reply) {
        return "bounced " + rcpt + " " + reply;
    }

    static String dropped(MailAddress rcpt, String reason) {
        return "dropped " + rcpt + " " + reason;
    }

    static String deferred(int attempt, Instant next, String reply) {
        return "deferred " + attempt + " " + next + " " + reply;
    }
}
