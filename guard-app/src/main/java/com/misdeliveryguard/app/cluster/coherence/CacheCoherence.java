package com.misdeliveryguard.app.cluster.coherence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component that keeps the caches of instances sharing a database coherent (ADR 0013). A
 * cache that changed something calls {@link #changed} <em>after the change committed</em> (it has
 * already dropped its own entry); the other instances drop theirs within a second. Each cache
 * {@linkplain #register registers} what to drop for a key, and for everything.
 *
 * <p>On PostgreSQL, changes are gathered for a moment, de-duplicated and sent as {@code NOTIFY}
 * payloads on this schema's channel ({@link NotifyChannel}); received payloads (not this instance's
 * own) drop the named entries. When the listening connection was lost and came back, notifications
 * may have been missed: every registered cache is emptied. Should even that fail, each cache's expiry
 * still bounds staleness. On embedded H2 (one instance) there is no channel and {@link #changed} does
 * nothing.
 *
 * <p>Payload: this instance's id on the first line, then one line per change: the topic's letter and
 * the key (none: everything of the topic). Keys are address keys, which never hold a line break.
 */
public final class CacheCoherence implements AutoCloseable {

    /** What changed. */
    public enum Topic {
        /** The directory (contacts, organizations, domains); always everything. */
        DIRECTORY('D'),
        /** A learned recipient; key: the pair's key of {@code CachedLearnedRecipients}. */
        LEARNED_RECIPIENTS('L'),
        /** A sender's correspondents; key: the sender's address key. */
        SENDER_HISTORY('H');

        private final char letter;

        Topic(char letter) {
            this.letter = letter;
        }

        static Optional<Topic> of(char letter) {
            for (Topic topic : values()) {
                if (topic.letter == letter) {
                    return Optional.of(topic);
                }
            }
            return Optional.empty();
        }
    }

    /** A payload stays below PostgreSQL's 8,000-byte limit. */
    static final int MAX_PAYLOAD_BYTES = 7_000;
    /** How long changes are gathered before they are sent. */
    static final long GATHER_MILLIS = 50;
    private static final int MAX_WAITING = 100_000;
    private static final Logger log = LoggerFactory.getLogger(CacheCoherence.class);

    private record Handlers(Consumer<String> forgetOne, Runnable forgetAll) {
    }

    private final String instance = UUID.randomUUID().toString();
    private final Map<Topic, List<Handlers>> handlers = new EnumMap<>(Topic.class);
    private final Optional<NotifyChannel> channel;
    private final BlockingQueue<String> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile boolean running = true;
    private final Thread sender;

    private CacheCoherence(Optional<NotifyChannel> channel) {
        for (Topic topic : Topic.values()) {
            handlers.put(topic, new CopyOnWriteArrayList<>());
        }
        this.channel = channel;
        this.sender = new Thread(this::sendLoop, "cache-coherence-send");
        this.sender.setDaemon(true);
        channel.ifPresent(c -> {
            sender.start();
            c.start(this::received, this::forgetEverything);
        });
    }

    /** One instance: nothing to tell anybody. */
    public static CacheCoherence local() {
        return new CacheCoherence(Optional.empty());
    }

    /** Instances sharing a PostgreSQL database, told over this channel; starts listening. */
    static CacheCoherence over(NotifyChannel channel) {
        return new CacheCoherence(Optional.of(channel));
    }

    /** What to drop when another instance changed {@code topic}: one key, or everything. */
    public void register(Topic topic, Consumer<String> forgetOne, Runnable forgetAll) {
        handlers.get(topic).add(new Handlers(forgetOne, forgetAll));
    }

    /** This instance committed a change of this key: the others drop it. */
    public void changed(Topic topic, String key) {
        if (key.isEmpty() || key.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a cache key is neither empty nor multi-line: '" + key + "'");
        }
        offer(topic.letter + key);
    }

    /** This instance committed a change of everything under this topic. */
    public void changedAll(Topic topic) {
        offer(String.valueOf(topic.letter));
    }

    /** True when changes are sent to other instances (PostgreSQL). */
    public boolean shared() {
        return channel.isPresent();
    }

    private void offer(String line) {
        if (channel.isPresent() && !waiting.offer(line)) {
            overflowed.set(true);
        }
    }

    private void sendLoop() {
        while (running) {
            try {
                String first = waiting.poll(1, TimeUnit.SECONDS);
                if (first == null && !overflowed.get()) {
                    continue;
                }
                Thread.sleep(GATHER_MILLIS);
                Set<String> lines = new LinkedHashSet<>();
                if (first != null) {
                    lines.add(first);
                }
                List<String> more = new ArrayList<>();
                waiting.drainTo(more);
                lines.addAll(more);
                if (overflowed.getAndSet(false)) {
                    lines.clear();
                    for (Topic topic : Topic.values()) {
                        lines.add(String.valueOf(topic.letter));
                    }
                }
                payloads(lines).forEach(this::send);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(String payload) {
        try {
            channel.orElseThrow().send(payload);
        } catch (RuntimeException e) {
            log.warn("Cannot tell the other instances about changed cache entries; their caches catch up when "
                    + "the entries expire: {}", e.toString());
        }
    }

    /** The lines as payloads of at most {@link #MAX_PAYLOAD_BYTES}, each starting with this instance's id. */
    List<String> payloads(Set<String> lines) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(instance);
        int bytes = instance.length();
        for (String line : lines) {
            int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + size > MAX_PAYLOAD_BYTES && payload.length() > instance.length()) {
                payloads.add(payload.toString());
                payload = new StringBuilder(instance);
                bytes = instance.length();
            }
            payload.append('\n').append(line);
            bytes += size;
        }
        if (payload.length() > instance.length()) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** A payload from the channel: drops the entries it names, unless this instance sent it. */
    void received(String payload) {
        String[] lines = payload.split("\n", -1);
        if (lines.length < 2 || lines[0].equals(instance)) {
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Optional<Topic> topic = Topic.of(line.charAt(0));
            if (topic.isEmpty()) {
                continue;
            }
            String key = line.substring(1);
            for (Handlers h : handlers.get(topic.get())) {
                if (key.isEmpty()) {
                    h.forgetAll().run();
                } else {
                    h.forgetOne().accept(key);
                }
            }
        }
    }

    /** Notifications may have been missed (the listening connection was lost): empties every cache. */
    void forgetEverything() {
        handlers.values().forEach(list -> list.forEach(h -> h.forgetAll().run()));
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        channel.ifPresent(NotifyChannel::close);
    }
}
