package dev.parley.testing;

import java.awt.image.BufferedImage;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads the QR codes Parley draws, the way a phone would have to: the image holds nothing but the code, so it is read
 * as a pure barcode (finder-pattern detection alone misses some generated codes).
 */
public final class QrDecoder {
    private QrDecoder() {
    }

    /**
     * @param image a QR code image
     * @return the text it encodes
     * @throws NotFoundException when it holds no readable code
     * @throws ChecksumException when the code is damaged
     * @throws FormatException   when the code is malformed
     */
    public static String decode(BufferedImage image) throws NotFoundException, ChecksumException, FormatException {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE, DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
