package com.misdeliveryguard.app.confirm.hold;

/** How a recipient appears in the message: in To, in Cc, or only in the envelope (Bcc). */
public enum HeaderRole {
    TO("To"), CC("Cc"), BCC("Bcc");

    private final String label;

    HeaderRole(String label) {
        this.label = label;
    }

    /** {@code To}, {@code Cc} or {@code Bcc}. */
    public String label() {
        return label;
    }
}
