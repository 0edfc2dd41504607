package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code guard.attachments.links.signed: hold}: a signed or encrypted message with attachments that would
 * otherwise go behind links is held for the sender to confirm, since it can never be altered (finding
 * {@code signed-not-linked}). With {@code deliver} (the default) this guard only passes the verdict on.
 */
final class SignedMailGuard implements Guard {

    static final String RULE = "signed-not-linked";
    private final Guard delegate;
    private final LinksProperties properties;

    SignedMailGuard(Guard delegate, LinksProperties properties) {
        this.delegate = delegate;
        this.properties = properties;
    }

    @Override
    public Verdict check(Envelope envelope, MessageFacts facts) {
        Verdict verdict = delegate.check(envelope, facts);
        boolean links = properties.enabled() || verdict.policyAction() == Action.LINK;
        if (!properties.holdSigned() || !links || facts.signedAs().isEmpty() || facts.attachmentNames().isEmpty()) {
            return verdict;
        }
        List<Finding> findings = new ArrayList<>(verdict.findings());
        findings.add(new Finding(RULE, Severity.HIGH, Optional.empty(),
                "署名または暗号化されたメールのため、添付ファイルをダウンロードリンクにできません。そのまま送るか確認してください。",
                "The message is signed or encrypted, so its attachments cannot be sent as links; confirm before it "
                        + "leaves with them.", Map.of("contentType", facts.signedAs().get())));
        Action policy = verdict.policyAction().max(Action.HOLD);
        Action action = verdict.shadowed() ? verdict.action() : verdict.action().max(Action.HOLD);
        return new Verdict(action, findings, policy, verdict.recipients(), verdict.outOfHeader());
    }
}
