package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The XML reader must read WeChat's XML, and nothing a stranger can do with XML may hurt. */
class WechatXmlTest {

    @Test
    void readsAttributesTextCdataAndEntities() {
        XmlElement msg = WechatXml.parse("<?xml version=\"1.0\"?>\n<msg>\n\t<appmsg appid=\"wx1\" sdkver=\"0\">"
                + "<title><![CDATA[a <b> & c]]></title><des>x &amp; y &#x4e2d;</des><type>57</type>"
                + "<refermsg><svrid> 42 </svrid></refermsg></appmsg></msg>");

        assertThat(msg.name()).isEqualTo("msg");
        XmlElement appmsg = msg.child("appmsg");
        assertThat(appmsg.attribute("appid")).isEqualTo("wx1");
        assertThat(appmsg.attributes()).isEqualTo(Map.of("appid", "wx1", "sdkver", "0"));
        assertThat(appmsg.child("title").text()).isEqualTo("a <b> & c");
        assertThat(appmsg.child("des").text()).isEqualTo("x & y 中");
        assertThat(msg.path("appmsg", "refermsg", "svrid").text()).isEqualTo("42");
        assertThat(msg.firstText("svrid")).isEqualTo("42");
    }

    @Test
    void textAroundCdataIsJoined() {
        assertThat(WechatXml.parse("<a> x <![CDATA[y]]> z </a>").text()).isEqualTo("x y z");
    }

    @Test
    void missingPathsAreEmptyNotNull() {
        XmlElement msg = WechatXml.parse("<msg><a/></msg>");

        assertThat(msg.path("a", "b", "c")).isSameAs(XmlElement.EMPTY);
        assertThat(msg.child("zzz").text()).isEmpty();
        assertThat(msg.child("a").attribute("missing")).isEmpty();
        assertThat(msg.children("nothing")).isEmpty();
        assertThat(msg.firstText("nothing")).isEmpty();
        assertThat(XmlElement.EMPTY.isEmpty()).isTrue();
        assertThat(msg.isEmpty()).isFalse();
    }

    @Test
    void childrenKeepDocumentOrder() {
        XmlElement list = WechatXml.parse("<l><m>1</m><x/><m>2</m><m>3</m></l>");

        assertThat(list.children("m")).extracting(XmlElement::text).containsExactly("1", "2", "3");
    }

    @Test
    void firstTextSearchesDepthFirstInDocumentOrder() {
        XmlElement root = WechatXml.parse("<r><a><p></p><b><p>deep</p></b></a><p>shallow-later</p></r>");

        assertThat(root.firstText("p")).isEqualTo("deep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not xml", "<msg>", "<msg><a></msg>", "<a>&</a>", "<a b=\"1></a>",
            "<a>&undefined;</a>", "</a>", "<?xml version=\"1.0\"?>"})
    void malformedXmlIsEmpty(String xml) {
        assertThat(WechatXml.parse(xml)).isSameAs(XmlElement.EMPTY);
    }

    @Test
    void nullIsEmpty() {
        assertThat(WechatXml.parse(null)).isSameAs(XmlElement.EMPTY);
    }

    @Test
    void anythingAfterTheRootIsIgnored() {
        assertThat(WechatXml.parse("<a>1</a><b>2</b> trailing & garbage <").text()).isEqualTo("1");
    }

    @Test
    void leadingWhitespaceBeforeTheDeclarationIsTolerated() {
        assertThat(WechatXml.parse("\n  <?xml version=\"1.0\"?>\n<a>ok</a>").text()).isEqualTo("ok");
    }

    @Test
    void externalEntityCannotReadFiles(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xml = "<!DOCTYPE msg [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><msg><title>&xxe;</title></msg>";

        XmlElement parsed = WechatXml.parse(xml);

        assertThat(parsed).isSameAs(XmlElement.EMPTY);
        assertThat(parsed.toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void parameterEntityCannotReadFiles(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.dtd"), "<!ENTITY leak \"TOP-SECRET-42\">");
        String xml = "<!DOCTYPE msg [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><msg>&leak;</msg>";

        assertThat(WechatXml.parse(xml).toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void noExternalDtdOrEntityIsFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] dtd = "<!ENTITY leak \"FETCHED\">".getBytes();
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            WechatXml.parse("<!DOCTYPE msg SYSTEM \"" + base + "/a.dtd\"><msg>x</msg>");
            WechatXml.parse("<!DOCTYPE msg [<!ENTITY % r SYSTEM \"" + base + "/b.dtd\"> %r;]><msg>&leak;</msg>");
            WechatXml.parse("<!DOCTYPE msg [<!ENTITY e SYSTEM \"" + base + "/c\">]><msg>&e;</msg>");
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void entityExpansionBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int level = 1; level <= 9; level++) {
            bomb.append("<!ENTITY lol").append(level).append(" \"")
                    .append(("&lol" + (level == 1 ? "" : level - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]><lolz>&lol9;</lolz>");

        long start = System.nanoTime();
        assertThat(WechatXml.parse(bomb.toString())).isSameAs(XmlElement.EMPTY);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void doctypeWithoutEntitiesStillParses() {
        assertThat(WechatXml.parse("<!DOCTYPE msg><msg>ok</msg>").text()).isEqualTo("ok");
    }

    @Test
    void nestingIsBounded() {
        String deepest = "<a>".repeat(WechatXml.MAX_DEPTH) + "x" + "</a>".repeat(WechatXml.MAX_DEPTH);
        assertThat(WechatXml.parse(deepest).isEmpty()).isFalse();

        String tooDeep = "<a>".repeat(WechatXml.MAX_DEPTH + 1) + "</a>".repeat(WechatXml.MAX_DEPTH + 1);
        assertThat(WechatXml.parse(tooDeep)).isSameAs(XmlElement.EMPTY);

        String hostile = "<a>".repeat(200_000);
        assertThat(WechatXml.parse(hostile)).isSameAs(XmlElement.EMPTY);
    }

    @Test
    void namespacePrefixesAreKeptInNames() {
        assertThat(WechatXml.parse("<x:msg><x:a>1</x:a></x:msg>").child("x:a").text()).isEqualTo("1");
    }
}
