package dev.parley.card;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rows as an RFC 4180 CSV file, the exports cards carry (statistics, broadcast reports): CRLF line ends, fields
 * quoted when they hold a comma, a quote or a line break (quotes doubled), UTF-8 with a byte-order mark so
 * spreadsheet programs read Chinese correctly.
 */
public final class CsvFile {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvFile() {
    }

    /**
     * @param header the column names
     * @param rows   the rows, each as long as the header
     * @return the file's bytes
     */
    public static byte[] write(List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        line(text, header);
        rows.forEach(row -> line(text, row));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void line(StringBuilder text, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
    }

    /**
     * @param value a field's value
     * @return it as written in the file
     */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
