package com.misdeliveryguard.smtp.spool;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: one directory per {@link QueueState}, one directory per message inside it
 * holding {@code message} (the bytes exactly as received), {@code envelope} and the append-only
 * {@code journal}. Moving a message between states is a single atomic rename of its directory.
 *
 * <p>A message is written under {@code tmp/} and becomes a message only by
 * {@link SpoolWriter#commit}: fsync the bytes, fsync the envelope, fsync the message directory (unless it is a spare
 * whose entries are all durable already, below), rename it into {@code incoming/}, fsync both parent directories.
 * Whatever is left under {@code tmp/} after a crash was never acknowledged and is quarantined by {@link #recover()}.
 *
 * <p>Thread-safety: different messages may be handled concurrently; the caller makes sure a single
 * message is worked on by one thread at a time (the delivery queue does).
 */
public final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    static final String MESSAGE = "message";
    static final String ENVELOPE = "envelope";
    /** The To/Cc addresses a message is sent without (convert to Bcc), one per line. */
    static final String HEADER_REMOVALS = "to-bcc";
    private static final String TMP = "tmp";
    /** Where a message directory goes to be deleted, so that a crash mid-delete never leaves half a message. */
    private static final String TRASH = "trash";
    /**
     * Emptied message directories wait under {@code tmp/} with this prefix, to be used again for new messages
     * (ADR 0015): on a file system whose inode allocator scans past every recently deleted inode (ext4 without a
     * journal), making a directory and files per message and deleting them again was a fifth of the guard's CPU under
     * load. In {@code tmp/}, taking one is a rename inside the directory that publishing a message syncs anyway.
     * Deleted at start-up; they hold no mail.
     */
    private static final String SPARE_PREFIX = "spare-";
    /**
     * At most this many emptied directories are kept (256 ran out in bursts at 50 sessions, when acceptance runs
     * ahead of delivery); beyond them a removal deletes the directory.
     */
    static final int MAX_SPARES = 2048;
    /**
     * The files a spare directory keeps, empty; anything else is deleted when a directory becomes a spare. None of
     * the truncations is synced: the bytes and envelope are written again and synced before anything reads them, and
     * the journal names the message each of its appends is about ({@link DeliveryJournal}), so an old journal that a
     * power failure brings back counts for nothing. A journal without such names (written before they existed) is
     * deleted instead; its removal is made durable by the sync of the directory when the next message is published
     * (so is that of {@code to-bcc}).
     */
    private static final Set<String> REUSED_FILES = Set.of(MESSAGE, ENVELOPE, DeliveryJournal.FILE);
    /** Marks a {@code tmp/} entry as mail the guard writes itself: rewritten from its record if a crash cuts it short. */
    static final String GENERATED = "generated";
    private static final int PROBE_BYTES = 4096;

    private final Path root;
    private final Clock clock;
    private final Durability durability;
    private final QueueIds ids;
    private final Queue<Spare> spares = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spareCount = new AtomicInteger();
    private final AtomicLong spareNames = new AtomicLong();

    /**
     * An emptied directory waiting in {@code tmp/} under {@code name}. {@code entriesDurable}: it still holds exactly
     * the entries it had when it was last published (the message, the envelope and perhaps a journal, truncated;
     * nothing deleted), and the sync of that publication made them durable. A message written into it then changes
     * the files' contents, each synced on its own, but not the directory, whose own sync at publishing would only
     * cost the disk a cache flush; a spare from which a file was deleted is synced as a new directory is, so that the
     * deleted file cannot come back under the new message.
     */
    private record Spare(String name, boolean entriesDurable) {
    }

    private Spool(Path root, Clock clock, Durability durability) {
        this.root = root;
        this.clock = clock;
        this.durability = durability;
        this.ids = new QueueIds(clock);
    }

    /** Opens (creating if needed) the spool under {@code root}. */
    public static Spool open(Path root, Clock clock, Durability durability) throws IOException {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(durability, "durability");
        Files.createDirectories(root.resolve(TMP));
        Files.createDirectories(root.resolve(TRASH));
        try (Stream<Path> left = Files.list(root.resolve(TMP))) {
            for (Path dir : left.filter(p -> p.getFileName().toString().startsWith(SPARE_PREFIX)).toList()) {
                deleteTree(dir);
            }
        }
        Set<Path> shared = new HashSet<>(List.of(root, root.resolve(TMP), root.resolve(TRASH)));
        for (QueueState state : QueueState.values()) {
            Files.createDirectories(root.resolve(state.directory()));
            shared.add(root.resolve(state.directory()));
        }
        return new Spool(root, clock, new GroupedDirectorySync(durability, shared));
    }

    public Path root() {
        return root;
    }

    /** Starts receiving a new message under {@code tmp/}, in an emptied directory when there is one. */
    public SpoolWriter create() throws IOException {
        return create(false);
    }

    /**
     * A new message under {@code tmp/}, in a spare directory when there is one; {@code generated}: marked as the
     * guard's own mail, a file added, so its directory is synced when published even if it was a spare whose entries
     * were durable.
     */
    private SpoolWriter create(boolean generated) throws IOException {
        String id = ids.next();
        Path dir = root.resolve(TMP).resolve(id);
        Optional<Spare> spare = takeSpare(dir);
        if (spare.isEmpty()) {
            Files.createDirectory(dir);
        }
        if (generated) {
            Files.createFile(dir.resolve(GENERATED));
        }
        return new SpoolWriter(this, id, dir, !generated && spare.map(Spare::entriesDurable).orElse(false));
    }

    /**
     * Renames a spare directory to {@code dir} (both in {@code tmp/}, which {@link #publish} syncs after the message's
     * own rename out of it, so that no old entry of the spare can come back once the message is acknowledged). Empty
     * when there is none, or it could not be moved.
     */
    private Optional<Spare> takeSpare(Path dir) {
        Spare spare = spares.poll();
        if (spare == null) {
            return Optional.empty();
        }
        spareCount.decrementAndGet();
        try {
            Files.move(root.resolve(TMP).resolve(spare.name()), dir, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(spare);
        } catch (IOException e) {
            log.debug("Could not use the spare directory {}; a new one is made", spare.name(), e);
            return Optional.empty();
        }
    }

    /**
     * Starts writing a message the guard composes itself (a notice, a bounce). Should a crash cut
     * it short, start-up removes it without a quarantine: it was never acknowledged to anybody and
     * its record (the hold, the journal) makes it written again.
     */
    public SpoolWriter createGenerated() throws IOException {
        return create(true);
    }

    /**
     * Called by {@link SpoolWriter#commit}: the message's files are complete and synced. {@code entriesDurable}: the
     * directory's entries are durable already ({@link Spare}), so it is not synced again.
     */
    void publish(String id, Path tmpDir, boolean entriesDurable) throws IOException {
        publish(id, tmpDir, QueueState.INCOMING, entriesDurable);
    }

    private void publish(String id, Path tmpDir, QueueState into, boolean entriesDurable) throws IOException {
        if (!entriesDurable) {
            durability.forceDirectory(tmpDir);
        }
        Path target = dir(into, id);
        Files.move(tmpDir, target, StandardCopyOption.ATOMIC_MOVE);
        durability.forceDirectory(target.getParent());
        durability.forceDirectory(tmpDir.getParent());
    }

    /**
     * Writes a message kept elsewhere (a held message's bytes in the shared database) back into this
     * spool under its own queue id, straight into {@code into}: the bytes are streamed to
     * {@code tmp/<id>}, checked against the size and SHA-256 of {@code message}, fsynced with the
     * envelope and the To/Cc addresses it goes out without ({@link #recordHeaderRemovals}; none when empty),
     * and the directory is renamed into place (replacing a copy left there before). A crash part way leaves
     * a {@code tmp/} entry that start-up removes like the guard's own mail: the message is still where it
     * was copied from.
     *
     * @throws IOException when the bytes cannot be written or are not the ones {@code message} names
     */
    public SpooledMessage restore(SpooledMessage message, InputStream content, QueueState into,
            List<MailAddress> headerRemovals) throws IOException {
        String id = message.id();
        Path tmpDir = root.resolve(TMP).resolve(id);
        deleteTree(tmpDir);
        Files.createDirectory(tmpDir);
        Files.createFile(tmpDir.resolve(GENERATED));
        try (SpoolWriter writer = new SpoolWriter(this, id, tmpDir, false)) {
            content.transferTo(writer.stream());
            writer.seal(message);
            if (!headerRemovals.isEmpty()) {
                writeHeaderRemovals(tmpDir, headerRemovals);
            }
            Files.delete(tmpDir.resolve(GENERATED));
            if (Files.exists(dir(into, id))) {
                delete(into, id);
            }
            publish(id, tmpDir, into, false);
            writer.published();
        }
        return message;
    }

    /** The envelope of a message as the spool stores it (text, see {@link #envelopeFrom}). */
    public static byte[] envelopeOf(SpooledMessage message) {
        return EnvelopeFile.write(message);
    }

    /** Reads what {@link #envelopeOf} wrote. */
    public static SpooledMessage envelopeFrom(byte[] envelope) throws IOException {
        return EnvelopeFile.read(envelope);
    }

    Durability durability() {
        return durability;
    }

    /**
     * Proves that a commit could succeed now: writes a small file in the spool's root (never in a
     * state directory, so recovery never sees it), syncs it, deletes it and syncs the root. Throws
     * when the file system is full, read-only or failing. Used by health checks.
     */
    public void probe() throws IOException {
        Path probe = root.resolve(".probe-" + Thread.currentThread().getId());
        try (FileChannel file = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer block = ByteBuffer.allocate(PROBE_BYTES);
            while (block.hasRemaining()) {
                file.write(block);
            }
            durability.force(file);
        } finally {
            Files.deleteIfExists(probe);
        }
        durability.forceDirectory(root);
    }

    /** Moves a message between states atomically; both directories are synced afterwards. */
    public void move(String id, QueueState from, QueueState to) throws IOException {
        moveUnsynced(id, from, to);
        syncState(to);
        syncState(from);
    }

    /**
     * Moves a message between states atomically without syncing the two directories (ADR 0014): for a move
     * that a crash may undo without harm, because the message is durable in {@code from} and handled there
     * after a restart. Whoever then depends on the new state being durable calls {@link #syncState} first.
     */
    public void moveUnsynced(String id, QueueState from, QueueState to) throws IOException {
        try {
            Files.move(dir(from, id), dir(to, id), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("spool directories must be on one file system", e);
        }
    }

    /** fsyncs a state directory, so that every move into it so far survives a crash (shared with concurrent syncs). */
    public void syncState(QueueState state) throws IOException {
        durability.forceDirectory(root.resolve(state.directory()));
    }

    /** Reads the envelope of a message in a state. */
    public SpooledMessage read(QueueState state, String id) throws IOException {
        return EnvelopeFile.read(Files.readAllBytes(dir(state, id).resolve(ENVELOPE)));
    }

    /** Opens the stored bytes of a message; the caller closes the stream. */
    public InputStream openContent(QueueState state, String id) throws IOException {
        return Files.newInputStream(dir(state, id).resolve(MESSAGE));
    }

    /** Where the stored bytes of a message are (for streaming to an upstream). */
    public Path contentPath(QueueState state, String id) {
        return dir(state, id).resolve(MESSAGE);
    }

    public DeliveryJournal.State journal(QueueState state, String id) throws IOException {
        return DeliveryJournal.read(dir(state, id));
    }

    public void recordRelayed(QueueState state, String id, Map<MailAddress, String> relayed,
            Map<MailAddress, String> bounced) throws IOException {
        List<String> lines = new ArrayList<>();
        relayed.forEach((rcpt, reply) -> lines.add(DeliveryJournal.relayed(rcpt, reply)));
        bounced.forEach((rcpt, reply) -> lines.add(DeliveryJournal.bounced(rcpt, reply)));
        if (!lines.isEmpty()) {
            DeliveryJournal.append(dir(state, id), lines, durability);
        }
    }

    /**
     * Records that the message goes out with these addresses taken out of To/Cc (SPEC §5 <em>convert to
     * Bcc</em>); the envelope is not changed. Written to a file beside the message (temporary file, sync,
     * rename, sync the directory), so it moves with the message through the states. Writing it again
     * replaces it.
     */
    public void recordHeaderRemovals(QueueState state, String id, List<MailAddress> addresses) throws IOException {
        writeHeaderRemovals(dir(state, id), addresses);
    }

    private void writeHeaderRemovals(Path dir, List<MailAddress> addresses) throws IOException {
        Path temporary = dir.resolve(HEADER_REMOVALS + ".tmp");
        StringBuilder text = new StringBuilder();
        addresses.forEach(a -> text.append(a).append('\n'));
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            durability.force(file);
        }
        Files.move(temporary, dir.resolve(HEADER_REMOVALS), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        durability.forceDirectory(dir);
    }

    /** The addresses {@link #recordHeaderRemovals} recorded for a message; empty when none. */
    public List<MailAddress> headerRemovals(QueueState state, String id) throws IOException {
        Path file = dir(state, id).resolve(HEADER_REMOVALS);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(MailAddress::of).toList();
    }

    /** Records recipients that will not be delivered because the sender left them out on release. */
    public void recordDropped(QueueState state, String id, List<MailAddress> recipients, String reason)
            throws IOException {
        if (!recipients.isEmpty()) {
            DeliveryJournal.append(dir(state, id),
                    recipients.stream().map(r -> DeliveryJournal.dropped(r, reason)).toList(), durability);
        }
    }

    public void recordDeferred(QueueState state, String id, int attempt, Instant next, String reply)
            throws IOException {
        DeliveryJournal.append(dir(state, id), List.of(DeliveryJournal.deferred(attempt, next, reply)), durability);
    }

    /**
     * Removes a message that reached its final state (recorded by the caller before): one atomic
     * rename into {@code trash/}, then the files. A crash in between leaves the directory in
     * {@code trash/}, where {@link #recover} finishes the removal; never half a message in a state.
     */
    public void delete(QueueState state, String id) throws IOException {
        Path source = dir(state, id);
        Path target = root.resolve(TRASH).resolve(id);
        deleteTree(target);
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        durability.forceDirectory(source.getParent());
        if (!keptAsSpare(target)) {
            deleteTree(target);
        }
    }

    /**
     * Empties a removed message's directory (its kept files truncated, any other deleted) and keeps it for a new
     * message, unless enough are kept already. False when it was not kept; the caller deletes it.
     */
    private boolean keptAsSpare(Path dir) {
        if (spareCount.incrementAndGet() > MAX_SPARES) {
            spareCount.decrementAndGet();
            return false;
        }
        try {
            Set<String> kept = new HashSet<>();
            boolean deleted = false;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (REUSED_FILES.contains(name) && emptiedForReuse(file)) {
                        kept.add(name);
                    } else {
                        deleteTree(file);
                        deleted = true;
                    }
                }
            }
            String name = SPARE_PREFIX + spareNames.incrementAndGet();
            Files.move(dir, root.resolve(TMP).resolve(name), StandardCopyOption.ATOMIC_MOVE);
            spares.add(new Spare(name, !deleted && kept.containsAll(List.of(MESSAGE, ENVELOPE))));
            return true;
        } catch (IOException e) {
            spareCount.decrementAndGet();
            log.debug("Could not keep {} as a spare directory; it is deleted", dir.getFileName(), e);
            return false;
        }
    }

    /**
     * Truncates a file a spare keeps; false (the caller deletes it) when it is not a plain file, or is a journal that
     * does not begin with the name of its message.
     */
    private static boolean emptiedForReuse(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (file.getFileName().toString().equals(DeliveryJournal.FILE)
                    && !DeliveryJournal.namesItsMessages(channel)) {
                return false;
            }
            channel.truncate(0);
            return true;
        }
    }

    /** Whether a message in a state was received (or, for the guard's own mail, written) before {@code instant}. */
    public boolean committedBefore(QueueState state, String id, Instant instant) {
        try {
            return read(state, id).envelope().receivedAt().isBefore(instant);
        } catch (IOException e) {
            return false;
        }
    }

    /** Message ids in a state, oldest first. */
    public List<String> list(QueueState state) {
        try (Stream<Path> entries = Files.list(root.resolve(state.directory()))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(id -> state == QueueState.CORRUPT || QueueIds.isValid(id)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> entries(QueueState state) throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve(state.directory()))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    public long count(QueueState state) {
        try (Stream<Path> entries = Files.list(root.resolve(state.directory()))) {
            return entries.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@link #recover(RepairLog)} reporting repairs to the log only. */
    public Map<QueueState, List<String>> recover() throws IOException {
        return recover(RepairLog.LOG);
    }

    /**
     * Start-up recovery of the file system side (ADR 0005). What a crash can leave, and what
     * happens to it:
     * <ul>
     *   <li>{@code trash/<id>}: a removal cut short; it is finished ({@code unfinished-removal});</li>
     *   <li>a directory in a state holding no {@code message} file (only the envelope and journal,
     *       or nothing; left by a removal cut short before removals went through {@code trash/}):
     *       the message had reached its final state; the removal is finished ({@code unfinished-removal});</li>
     *   <li>{@code tmp/<id>} of the guard's own mail: never committed, removed; its record writes it
     *       again ({@code unfinished-generated});</li>
     *   <li>{@code tmp/<id>} of a client's message: never acknowledged, quarantined to {@code corrupt/};</li>
     *   <li>a message whose envelope cannot be read or whose bytes do not match the recorded size:
     *       quarantined to {@code corrupt/} (real damage, for an administrator).</li>
     * </ul>
     * Returns what is left, per state.
     */
    public Map<QueueState, List<String>> recover(RepairLog repairs) throws IOException {
        try (Stream<Path> trash = Files.list(root.resolve(TRASH))) {
            for (Path dir : trash.toList()) {
                deleteTree(dir);
                repairs.repaired("unfinished-removal", dir.getFileName().toString(),
                        "finished removing a message that had reached its final state");
            }
        }
        try (Stream<Path> leftovers = Files.list(root.resolve(TMP))) {
            for (Path dir : leftovers.toList()) {
                if (Files.exists(dir.resolve(GENERATED))) {
                    deleteTree(dir);
                    repairs.repaired("unfinished-generated", dir.getFileName().toString(),
                            "removed a notice or bounce cut short while it was written; it is written again from its "
                                    + "record");
                } else {
                    log.warn("Quarantining incomplete spool entry {} (never acknowledged)", dir.getFileName());
                    quarantine(dir);
                }
            }
        }
        Map<QueueState, List<String>> found = new EnumMap<>(QueueState.class);
        for (QueueState state : QueueState.values()) {
            List<String> ok = new ArrayList<>();
            for (String id : entries(state)) {
                if (state == QueueState.CORRUPT || intact(state, id)) {
                    ok.add(id);
                } else if (!QueueIds.isValid(id) || Files.exists(root.resolve(state.directory()).resolve(id)
                        .resolve(MESSAGE))) {
                    log.error("Quarantining unreadable spool entry {}/{}", state.directory(), id);
                    quarantine(root.resolve(state.directory()).resolve(id));
                } else {
                    deleteTree(root.resolve(state.directory()).resolve(id));
                    durability.forceDirectory(root.resolve(state.directory()));
                    repairs.repaired("unfinished-removal", id, "finished removing " + state.directory() + "/" + id
                            + ", which held no message any more (its final state was reached before a crash)");
                }
            }
            found.put(state, ok);
        }
        return found;
    }

    private boolean intact(QueueState state, String id) {
        if (!QueueIds.isValid(id)) {
            return false;
        }
        try {
            SpooledMessage message = read(state, id);
            return message.id().equals(id) && Files.size(dir(state, id).resolve(MESSAGE)) == message.size();
        } catch (IOException e) {
            return false;
        }
    }

    private void quarantine(Path dir) throws IOException {
        Path target = root.resolve(QueueState.CORRUPT.directory()).resolve(dir.getFileName());
        if (Files.exists(target)) {
            target = target.resolveSibling(dir.getFileName() + "-" + clock.millis());
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        durability.forceDirectory(target.getParent());
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path dir(QueueState state, String id) {
        if (!QueueIds.isValid(id)) {
            throw new IllegalArgumentException("not a queue id: " + id);
        }
        return root.resolve(state.directory()).resolve(id);
    }
}
