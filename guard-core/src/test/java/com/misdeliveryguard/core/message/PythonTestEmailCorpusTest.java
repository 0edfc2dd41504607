package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages from CPython's email test suite (inputs only, see the README beside them): odd but real
 * structures that other parsers were fixed for. Well-formed ones must stay clean; the others must name
 * what is wrong.
 */
@Timeout(10)
class PythonTestEmailCorpusTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            msg_02.txt |
            msg_07.txt |
            msg_15.txt | ambiguous boundary (one boundary begins with another)
            msg_35.txt | malformed header line
            msg_38.txt | missing closing boundary
            msg_41.txt | missing boundary
            msg_47.txt | malformed header line
            """)
    void shouldNameWhatIsWrongAndNothingElse(String file, String expectedProblem) throws IOException {
        MessageFacts facts = Eml.parse(corpus(file));

        if (expectedProblem == null) {
            assertThat(facts.problems()).isEmpty();
        } else {
            assertThat(facts.problems()).contains(expectedProblem);
        }
    }

    private static byte[] corpus(String file) throws IOException {
        try (InputStream in = PythonTestEmailCorpusTest.class.getResourceAsStream("/python-test_email/" + file)) {
            return Eml.crlf(in.readAllBytes());
        }
    }
}
