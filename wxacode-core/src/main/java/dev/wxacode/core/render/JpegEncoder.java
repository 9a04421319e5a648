package dev.wxacode.core.render;

import dev.wxacode.core.render.JpegBlocks.Block;
import dev.wxacode.core.render.JpegBlocks.Tone;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * A baseline JPEG encoder for images of exactly two colours, such as a QR code.
 *
 * <p>Every 8×8 block of such an image is one of the two colours where a 64-bit mask has a 1, the
 * other elsewhere, and a code has few distinct masks: its modules are whole, equal squares, so a
 * block cuts at most a couple of module edges at a few offsets. The DCT is linear, so a block's
 * quantised coefficients, and with the standard Huffman tables even its entropy-coded AC bits,
 * depend only on the mask and the two colours. They are computed once per (colour, mask) and
 * kept; encoding an image is then gathering masks, coding each block's DC difference and copying
 * bits. Everything else is plain baseline JPEG (ITU T.81), with the standard tables
 * ({@link JpegTable}).
 *
 * <p>In parts: {@link JpegTable} (quantisation and Huffman codes), {@link JpegBlocks} (a block's
 * transform and AC codes, and the blocks kept, owned by this encoder), {@link JpegBits} (bit
 * packing and byte stuffing); here, the image's walk over its blocks and the file's headers.
 *
 * <p>Always YCbCr without chroma subsampling, so coloured module edges stay as sharp as black ones.
 * Not greyscale even for black: Java reads a one-component JPEG as linear grey, which shows the
 * faint ringing next to module edges as mid grey. For grey modules the chroma blocks are flat,
 * and cost four bits each.
 */
final class JpegEncoder {
    /**
     * Words one MCU can take, and then some: a block has at most 63 AC codes of 16 + 10 bits
     * and a DC code of 22 (under 28 words), and {@link JpegBits} stores a word past its end.
     */
    static final int MCU_WORDS = 3 * 30;

    private final JpegBlocks blocks;

    /** @param maxBlocks coded blocks kept between images ({@link JpegBlocks}) */
    JpegEncoder(int maxBlocks) {
        this.blocks = new JpegBlocks(maxBlocks);
    }

    JpegBlocks blocks() {
        return blocks;
    }

    byte[] encode(Bitmap bitmap, int rgb) {
        int r = rgb >>> 16 & 0xFF;
        int g = rgb >>> 8 & 0xFF;
        int b = rgb & 0xFF;
        // White is 255, 128, 128 in YCbCr.
        Tone[] tones = {
            new Tone(JpegTable.LUMA, 255, 0.299 * r + 0.587 * g + 0.114 * b),
            new Tone(JpegTable.CHROMA, 128, -0.168736 * r - 0.331264 * g + 0.5 * b + 128),
            new Tone(JpegTable.CHROMA, 128, 0.5 * r - 0.418688 * g - 0.081312 * b + 128)};
        int width = bitmap.width();
        Coder luma = new Coder(tones[0]);
        Coder cb = new Coder(tones[1]);
        Coder cr = new Coder(tones[2]);
        // Grey ink: both chroma blocks of every MCU are the light block, so once the first MCU has
        // set their DC predictors they code as the same few bits each time, written in one go.
        boolean chromaFlat = cb.flat && cr.flat;
        long chromaSteady = cb.steady | cr.steady >>> cb.steadyLength;
        int chromaSteadyLength = cb.steadyLength + cr.steadyLength;
        int perSide = (width + 7) / 8;
        // A quarter byte per pixel: black codes of 430 px and more fit without growing.
        JpegBits out = new JpegBits(width * width / 32 + 512);
        byte[] blank = new byte[bitmap.stride()];
        long[] masks = new long[perSide];
        for (int by = 0; by < perSide; by++) {
            // Rows past the edge repeat the light quiet zone.
            for (int i = 0; i < 8; i++) {
                int y = by * 8 + i;
                byte[] row = y < width ? bitmap.row(y) : blank;
                for (int bx = 0; bx < perSide; bx++) {
                    masks[bx] = masks[bx] << 8 | row[bx] & 0xFF;
                }
            }
            // The bit count and array in locals, not fields: registers across the whole row.
            long[] words = out.words;
            int count = out.count;
            for (int bx = 0; bx < perSide; bx++) {
                if ((count >>> 6) + MCU_WORDS > words.length) {
                    words = Arrays.copyOf(words, words.length * 2);
                }
                long mask = masks[bx];
                count = luma.write(words, count, mask);
                if (chromaFlat && (bx | by) != 0) {
                    count = JpegBits.put(words, count, chromaSteady, chromaSteadyLength);
                } else {
                    count = cb.write(words, count, mask);
                    count = cr.write(words, count, mask);
                }
            }
            out.words = words;
            out.count = count;
        }
        blocks.lookedUp(luma.lookups + cb.lookups + cr.lookups);
        return out.toJpeg(headers(width));
    }

    /** Everything before the entropy-coded data: SOI, JFIF, tables, frame and scan headers. */
    static byte[] headers(int width) {
        int components = 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.write(0xFF);
        out.write(0xD8); // SOI
        segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        byte[] dqt = new byte[2 * 65];
        JpegTable.LUMA.putQuantisation(dqt, 0);
        JpegTable.CHROMA.putQuantisation(dqt, 65);
        segment(out, 0xDB, dqt);
        byte[] sof = new byte[6 + 3 * components];
        sof[0] = 8; // bits per sample
        sof[1] = (byte) (width >>> 8);
        sof[2] = (byte) width;
        sof[3] = (byte) (width >>> 8);
        sof[4] = (byte) width;
        sof[5] = (byte) components;
        for (int c = 0; c < components; c++) {
            sof[6 + 3 * c] = (byte) (c + 1);
            sof[7 + 3 * c] = 0x11; // no subsampling
            sof[8 + 3 * c] = (byte) (c == 0 ? 0 : 1);
        }
        segment(out, 0xC0, sof);
        ByteArrayOutputStream dht = new ByteArrayOutputStream(512);
        JpegTable.LUMA.putHuffman(dht);
        JpegTable.CHROMA.putHuffman(dht);
        segment(out, 0xC4, dht.toByteArray());
        byte[] sos = new byte[4 + 2 * components];
        sos[0] = (byte) components;
        for (int c = 0; c < components; c++) {
            sos[1 + 2 * c] = (byte) (c + 1);
            sos[2 + 2 * c] = (byte) (c == 0 ? 0x00 : 0x11);
        }
        sos[2 + 2 * components] = 63; // spectral selection 0..63, no successive approximation
        segment(out, 0xDA, sos);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >>> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    /** Codes one component of an image: keeps the DC predictor, looks blocks up by mask. */
    private final class Coder {
        private final Tone tone;
        private final Map<Long, Block> shelf;
        private final long[] dcBits;
        private final int[] dcLengths;
        private final Block light;
        private final Block dark;
        /** Both colours have this component's level (the chroma of grey): every block is the same. */
        final boolean flat;
        /**
         * A flat component's bits for every block after the first: DC difference 0, then the light
         * block's AC bits, only the end-of-block code since a uniform block has no AC coefficients.
         */
        final long steady;
        final int steadyLength;
        private long[] localKeys = new long[1024];
        private Block[] localBlocks = new Block[1024];
        private int localCount;
        private int previousDc;
        /** Blocks asked of the encoder's store, which this image had not met yet. */
        int lookups;

        Coder(Tone tone) {
            this.tone = tone;
            this.shelf = blocks.shelf(tone);
            this.dcBits = tone.table().dcDiffBits;
            this.dcLengths = tone.table().dcDiffLengths;
            this.light = cached(0);
            this.dark = cached(-1);
            this.flat = tone.ink() == tone.background();
            this.steady = dcBits[JpegTable.DC_ZERO] | light.acWords()[0] >>> dcLengths[JpegTable.DC_ZERO];
            this.steadyLength = dcLengths[JpegTable.DC_ZERO] + light.acBits();
        }

        /** Codes the block into {@code words}, which has room, after bit {@code count}: the new count. */
        int write(long[] words, int count, long mask) {
            Block block = mask == 0 || flat ? light : mask == -1 ? dark : cached(mask);
            int diff = block.dc() - previousDc;
            previousDc = block.dc();
            return JpegBits.put(words, count, dcBits[JpegTable.DC_ZERO + diff], dcLengths[JpegTable.DC_ZERO + diff],
                    block.acWords(), block.acBits());
        }

        /** This image's blocks first (open addressing, no boxing), then the encoder's. */
        private Block cached(long mask) {
            int slot = slot(mask);
            Block block = localBlocks[slot];
            return block != null ? block : miss(mask, slot);
        }

        /** Apart from {@link #cached}, to keep the code inlined into the block loop small. */
        private Block miss(long mask, int slot) {
            Block block = blocks.get(shelf, tone, mask);
            lookups++;
            localKeys[slot] = mask;
            localBlocks[slot] = block;
            if (++localCount * 2 > localKeys.length) {
                growLocal();
            }
            return block;
        }

        private int slot(long mask) {
            int slots = localKeys.length - 1;
            int slot = (int) (mask * JpegBlocks.SPREAD >>> 40) & slots;
            while (localBlocks[slot] != null && localKeys[slot] != mask) {
                slot = slot + 1 & slots;
            }
            return slot;
        }

        private void growLocal() {
            long[] keys = localKeys;
            Block[] values = localBlocks;
            localKeys = new long[keys.length * 2];
            localBlocks = new Block[keys.length * 2];
            for (int i = 0; i < keys.length; i++) {
                if (values[i] != null) {
                    int slot = slot(keys[i]);
                    localKeys[slot] = keys[i];
                    localBlocks[slot] = values[i];
                }
            }
        }
    }
}
