package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Guards against order-of-magnitude slowdowns (an XML factory looked up per call, a mapper built per
 * call). A text message parses in about 6 µs and a group message with mentions in about 16 µs on a
 * 2-core VM; the bound leaves room for a busy machine.
 */
class GeweCallbackParserSpeedTest {

    private static final long MAX_MEAN_NANOS = 250_000;

    @Test
    void groupMessageWithMentionsParsesFast() throws Exception {
        GeweCallbackParser parser = GeweCallbackParser.create();
        byte[] body = GeweCallbackFixtures.file("group-text-mentions.json");
        int rounds = 20_000;
        long checksum = 0;
        for (int i = 0; i < rounds; i++) {
            checksum += parser.parse(body, i).hashCode();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            checksum += parser.parse(body, i).hashCode();
        }
        long meanNanos = (System.nanoTime() - start) / rounds;

        assertThat(checksum).isNotZero();
        assertThat(meanNanos).as("mean nanoseconds per parse").isLessThan(MAX_MEAN_NANOS);
    }
}
