package dev.wxacode.core.qr;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.nayuki.qrcodegen.QrCode;

/**
 * A QR symbol's error correction level, lowest first: about 7, 15, 25 and 30 % of the symbol may
 * be damaged and still read. Plain codes use {@link #M}; a code with a logo in its middle rises as
 * the logo needs ({@link Codewords}).
 */
public enum EcLevel {
    L(1, QrCode.Ecc.LOW, ErrorCorrectionLevel.L),
    M(0, QrCode.Ecc.MEDIUM, ErrorCorrectionLevel.M),
    Q(3, QrCode.Ecc.QUARTILE, ErrorCorrectionLevel.Q),
    H(2, QrCode.Ecc.HIGH, ErrorCorrectionLevel.H);

    /** The two bits the format information writes for this level (ISO/IEC 18004 Table 12). */
    final int formatBits;
    final QrCode.Ecc nayuki;
    final ErrorCorrectionLevel zxing;

    EcLevel(int formatBits, QrCode.Ecc nayuki, ErrorCorrectionLevel zxing) {
        this.formatBits = formatBits;
        this.nayuki = nayuki;
        this.zxing = zxing;
    }

    static EcLevel of(QrCode.Ecc ecc) {
        for (EcLevel level : values()) {
            if (level.nayuki == ecc) {
                return level;
            }
        }
        throw new IllegalArgumentException("level " + ecc);
    }
}
