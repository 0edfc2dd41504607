package com.misdeliveryguard.core.links;

import com.misdeliveryguard.core.message.PartHeader;
import java.util.ArrayList;
import java.util.List;

/** One entity of the scanned tree. */
final class PartNode {

    final int index;
    final PartNode parent;
    final int level;
    final PartHeader header;
    final boolean messageTop;
    final List<PartNode> children = new ArrayList<>();

    PartNode(int index, PartNode parent, int level, PartHeader header, boolean messageTop) {
        this.index = index;
        this.parent = parent;
        this.level = level;
        this.header = header;
        this.messageTop = messageTop;
    }

    boolean isLeaf() {
        return children.isEmpty() && !header.isMultipart() && !header.isMessage();
    }
}
