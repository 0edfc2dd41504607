package com.misdeliveryguard.core.links;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link MessageRewriter#scan} learned about a message: its entity tree, the attachments it
 * handed to the sink, and whether it is signed or encrypted.
 */
public final class Scan {

    private final List<PartNode> nodes;
    private final List<LinkedFile> files;
    private final Optional<String> signedAs;

    Scan(List<PartNode> nodes, List<LinkedFile> files, Optional<String> signedAs) {
        this.nodes = List.copyOf(nodes);
        this.files = List.copyOf(files);
        this.signedAs = signedAs;
    }

    /** The attachments the sink received, in document order (empty when scanned without a sink). */
    public List<LinkedFile> files() {
        return files;
    }

    /** The media type that makes the message signed or encrypted, if any: such a message is never altered. */
    public Optional<String> signedAs() {
        return signedAs;
    }

    /** Part numbers of every attachment, whether or not a sink stored it. */
    public List<Integer> attachmentParts() {
        return nodes.stream().filter(n -> n.isLeaf() && n.header.isAttachment()).map(n -> n.index).toList();
    }

    /**
     * The rewrite that takes out the given attachments: each linked part is dropped; the first
     * text/plain and the first text/html of the message itself get the notice; a message (or forwarded
     * message) left without any part gets a text/plain notice part in place of its first attachment, as
     * does the message when it has no text of its own; a multipart left empty is dropped.
     */
    public Plan plan(Collection<Integer> linkedParts) {
        Set<Integer> linked = Set.copyOf(linkedParts);
        Map<Integer, Decision> decisions = new HashMap<>();
        for (PartNode n : nodes) {
            if (n.isLeaf() && n.header.isAttachment() && linked.contains(n.index)) {
                decisions.put(n.index, Decision.DROP);
            }
        }
        if (decisions.isEmpty()) {
            return new Plan(Map.of());
        }
        boolean amended = false;
        for (String type : List.of("text/plain", "text/html")) {
            Optional<PartNode> text = nodes.stream().filter(n -> n.level == 0 && n.isLeaf() && n.header.isBodyText()
                    && n.header.mimeType().equals(type) && !insideAttachment(n)).findFirst();
            if (text.isPresent()) {
                decisions.put(text.get().index, Decision.AMEND);
                amended = true;
            }
        }
        if (!amended) {
            firstDropped(nodes.get(0), decisions).ifPresent(n -> decisions.put(n.index, Decision.NOTICE));
        }
        List<PartNode> reversed = new ArrayList<>(nodes);
        java.util.Collections.reverse(reversed);
        for (PartNode n : reversed) {
            if (n.messageTop && empty(n, decisions)) {
                firstDropped(n, decisions).ifPresent(d -> decisions.put(d.index, Decision.NOTICE));
            }
        }
        for (PartNode n : reversed) {
            if (!n.messageTop && n.header.isMultipart() && !n.children.isEmpty() && empty(n, decisions)) {
                decisions.put(n.index, Decision.DROP);
            }
        }
        return new Plan(decisions);
    }

    private static boolean insideAttachment(PartNode n) {
        for (PartNode p = n.parent; p != null; p = p.parent) {
            if (p.header.isAttachment()) {
                return true;
            }
        }
        return false;
    }

    private static boolean empty(PartNode n, Map<Integer, Decision> decisions) {
        Decision d = decisions.getOrDefault(n.index, Decision.KEEP);
        if (d == Decision.DROP) {
            return true;
        }
        if (n.isLeaf() || n.children.isEmpty()) {
            return false;
        }
        return n.children.stream().allMatch(c -> empty(c, decisions));
    }

    private static Optional<PartNode> firstDropped(PartNode root, Map<Integer, Decision> decisions) {
        if (root.isLeaf()) {
            return decisions.get(root.index) == Decision.DROP ? Optional.of(root) : Optional.empty();
        }
        for (PartNode c : root.children) {
            Optional<PartNode> found = firstDropped(c, decisions);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The decisions of one rewrite, by part number; parts not named are kept. */
    public static final class Plan {

        final Map<Integer, Decision> decisions;

        Plan(Map<Integer, Decision> decisions) {
            this.decisions = Map.copyOf(decisions);
        }

        /** True when the rewrite changes nothing (no linked attachment). */
        public boolean unchanged() {
            return decisions.isEmpty();
        }

        Decision of(int part) {
            return decisions.getOrDefault(part, Decision.KEEP);
        }
    }
}
