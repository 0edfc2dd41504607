package com.misdeliveryguard.core.links;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where {@link MessageRewriter#scan} puts each attachment's decoded bytes. Called once per attachment,
 * in document order, on the scanning thread; the stream ends at the end of the attachment and must
 * not be closed by the sink. What the sink leaves unread is read (and counted) by the scanner.
 */
@FunctionalInterface
public interface AttachmentSink {

    void store(int part, String name, String contentType, InputStream content) throws IOException;
}
