package dev.wxacode.core.qr;

import com.google.zxing.ReaderException;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;

/**
 * Whether ZXing, given the exact pixels a symbol will be drawn as, finds and decodes it: the check
 * behind {@link QrEncoder#encodeFor}, and the first one behind every styled drawing. The finder
 * patterns are located by {@link RunScanFinder}; sampling the grid and decoding are ZXing's own.
 */
public final class ReadBack extends Detector {
    ReadBack(BitMatrix pixels) {
        super(pixels);
    }

    static boolean readsBack(QrMatrix symbol, String text, int width) {
        return readsBack(pixels(symbol, width), text);
    }

    /**
     * @param pixels a drawing of a code as dark and light pixels, the way a scanner sees a clean
     *               copy of it; not modified
     * @return whether ZXing finds one code in it and decodes exactly {@code text}
     */
    public static boolean readsBack(BitMatrix pixels, String text) {
        try {
            DetectorResult found = new ReadBack(pixels).detectByRuns();
            return new Decoder().decode(found.getBits()).getText().equals(text);
        } catch (ReaderException e) {
            return false;
        }
    }

    /** The same result as {@link Detector#detect()}, with the faster finder-pattern search. */
    DetectorResult detectByRuns() throws ReaderException {
        return processFinderPatternInfo(new RunScanFinder(getImage()).find());
    }

    /** The symbol as black pixels on white, laid out as the renderers draw it ({@link Layout}). */
    static BitMatrix pixels(QrMatrix symbol, int width) {
        Layout layout = Layout.of(symbol.size(), width);
        BitMatrix pixels = new BitMatrix(width);
        BitArray row = new BitArray(width);
        for (int y = 0; y < layout.modules(); y++) {
            row.clear();
            for (int x = 0; x < layout.modules(); x++) {
                if (symbol.isDark(x, y)) {
                    int left = layout.offset() + x * layout.scale();
                    row.setRange(left, left + layout.scale());
                }
            }
            // Whole words per pixel row: far cheaper than setting the image module by module.
            for (int line = 0; line < layout.scale(); line++) {
                pixels.setRow(layout.offset() + y * layout.scale() + line, row);
            }
        }
        return pixels;
    }
}
