package com.misdeliveryguard.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void joinsAMultiLineReplyIntoOneLine() {
        SmtpReply reply = SmtpReply.of(550, "550-5.1.1 The email account that you tried to reach does not exist.\n"
                + "550-5.1.1 Please try double-checking the recipient's email\n550 5.1.1 address.\n");

        assertThat(reply.text()).isEqualTo("550 5.1.1 The email account that you tried to reach does not exist."
                + " 5.1.1 Please try double-checking the recipient's email 5.1.1 address.");
    }

    @Test
    void removesControlCharactersAndNonAscii() {
        assertThat(SmtpReply.of(554, "554 5.7.1 bad\u0000\u001b[31m 拒否\r\n").text()).isEqualTo("554 5.7.1 bad [31m");
    }

    @Test
    void classifiesByTheBasicCode() {
        assertThat(SmtpReply.outcomeOf(250)).isEqualTo(Outcome.RELAYED);
        assertThat(SmtpReply.outcomeOf(451)).isEqualTo(Outcome.TEMPORARY_FAILURE);
        assertThat(SmtpReply.outcomeOf(554)).isEqualTo(Outcome.PERMANENT_FAILURE);
        assertThat(SmtpReply.outcomeOf(-1)).as("no reply at all").isEqualTo(Outcome.TEMPORARY_FAILURE);
        assertThat(SmtpReply.outcomeOf(354)).isEqualTo(Outcome.TEMPORARY_FAILURE);
    }
}
