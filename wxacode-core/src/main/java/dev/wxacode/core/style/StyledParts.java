package dev.wxacode.core.style;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import dev.wxacode.core.qr.Layout;
import dev.wxacode.core.qr.QrMatrix;
import dev.wxacode.core.render.JpegBlockWriter;
import dev.wxacode.core.render.RenderSpec;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast path of styled codes, beside {@link StyledDrawing}'s Java2D: a drawing taken apart into
 * what every code of one style, width, version and colour shares, drawn once by Java2D (everything
 * but the data modules: background, ring, patterns, logo) and one dark module, so that a code is
 * that picture with the module stamped where the symbol is dark. Each pixel lies in one module's
 * square, and Java2D draws a shape the same at every whole-pixel offset, so the stamped picture is
 * the drawn one pixel for pixel ({@code StyledPartsTest} holds them equal).
 *
 * <p>JPEGs go further: an 8×8 block of a code is decided by where it falls in the module grid and
 * which of the modules it touches are dark, or, where it touches a pattern, the ring or the logo,
 * by its place and those modules. Its coded form ({@link JpegBlockWriter#code}) is kept under that
 * key, so writing a code is reading a few module bits per block and copying bits.
 */
final class StyledParts {
    /**
     * Blocks kept per set of parts (a 430 px style needs about 760, a 1280 px one a few thousand);
     * past it they are dropped and coded again, so that a set of parts stays under a few megabytes.
     */
    private static final int MAX_BLOCKS = 20_000;
    /** Memory the parts of recent styles, widths and colours may take: their pictures, mostly. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final int WHITE = 0xFFFFFF;
    /** Odd, so multiplying a key by it loses nothing, and spreads its bits upwards. */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;
    private static final Cache<Key, StyledParts> PARTS = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .weigher((Key key, StyledParts parts) -> parts.weight()).executor(Runnable::run).build();

    /** What decides the parts; {@code style} compares its logo by the file's digest. */
    private record Key(CodeStyle style, int width, int version, int plateSide, int rgb) {
    }

    private final int width;
    private final Layout layout;
    private final int[] pixels;
    private final int[] module;
    private final boolean[] drawsModule;
    private final BitMatrix scannedPixels;
    /**
     * The dark pixels of a module as it scans, row by row: from {@code scannedFrom[dy]} to
     * {@code scannedTo[dy]} (exclusive); a module's shape is convex, so each row is one run.
     */
    private final int[] scannedFrom;
    private final int[] scannedTo;
    private final long[] blockClass;
    private final int[][] blockCells;
    private final Map<Long, JpegBlockWriter.CodedBlock> blocks = new ConcurrentHashMap<>();

    private StyledParts(QrMatrix blank, int plateSide, RenderSpec spec, CodeStyle style) {
        this.width = spec.width();
        this.layout = StyledDrawing.layout(blank.size(), width, style.frame());
        this.pixels = rgb(StyledDrawing.draw(blank, plateSide, spec, style));
        this.module = rgb(StyledDrawing.module(style.modules(), layout.scale(), spec.rgb()));
        StyledDrawing.Geometry geometry = new StyledDrawing.Geometry(blank, layout, style, plateSide);
        int size = blank.size();
        this.drawsModule = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                drawsModule[y * size + x] = geometry.drawsModule(x, y);
            }
        }
        this.scannedPixels = new BitMatrix(width, width);
        for (int i = 0; i < pixels.length; i++) {
            if (StyledDrawing.isDark(pixels[i], false)) {
                scannedPixels.set(i % width, i / width);
            }
        }
        int scale = layout.scale();
        this.scannedFrom = new int[scale];
        this.scannedTo = new int[scale];
        for (int dy = 0; dy < scale; dy++) {
            int from = scale;
            int to = 0;
            for (int dx = 0; dx < scale; dx++) {
                if (StyledDrawing.isDark(module[dy * scale + dx], false)) {
                    from = Math.min(from, dx);
                    to = dx + 1;
                }
            }
            for (int dx = from; dx < to; dx++) {
                if (!StyledDrawing.isDark(module[dy * scale + dx], false)) {
                    throw new IllegalStateException("a module's row scans as more than one run");
                }
            }
            scannedFrom[dy] = Math.min(from, to);
            scannedTo[dy] = to;
        }
        int perSide = (width + 7) / 8;
        this.blockClass = new long[perSide * perSide];
        this.blockCells = new int[perSide * perSide][];
        for (int by = 0; by < perSide; by++) {
            for (int bx = 0; bx < perSide; bx++) {
                plan(by * perSide + bx, bx * 8, by * 8, size);
            }
        }
    }

    /** Whether a code can be made of parts: opaque, and modules of 2 px or more (a block then touches at most 25). */
    static boolean apply(QrMatrix symbol, RenderSpec spec, CodeStyle style) {
        return !spec.transparent() && StyledDrawing.layout(symbol.size(), spec.width(), style.frame()).scale() >= 2;
    }

    /**
     * The parts of a code drawn opaque, {@code spec.width()} wide, from a symbol of this version
     * (any mask), shared by every code that has them in common.
     *
     * @throws IllegalArgumentException unless {@link #apply}
     */
    static StyledParts of(QrMatrix symbol, int plateSide, RenderSpec spec, CodeStyle style) {
        if (!apply(symbol, spec, style)) {
            throw new IllegalArgumentException("parts are for opaque codes of modules 2 px or wider");
        }
        return PARTS.get(new Key(style, spec.width(), symbol.version(), plateSide, spec.rgb()),
                key -> new StyledParts(QrMatrix.blank(symbol.size(), symbol.level()), plateSide, spec, style));
    }

    /**
     * Which modules block {@code index} (its top-left pixel at {@code left}, {@code top}) touches,
     * and what else decides it: its offset in the grid, or its place where it holds anything but
     * modules on the background.
     */
    private void plan(int index, int left, int top, int size) {
        int scale = layout.scale();
        int first = Math.floorDiv(left - layout.offset(), scale);
        int firstRow = Math.floorDiv(top - layout.offset(), scale);
        int last = Math.floorDiv(left + 7 - layout.offset(), scale);
        int lastRow = Math.floorDiv(top + 7 - layout.offset(), scale);
        int across = last - first + 1;
        int[] cells = new int[across * (lastRow - firstRow + 1)];
        boolean fixed = false;
        for (int row = firstRow; row <= lastRow; row++) {
            for (int column = first; column <= last; column++) {
                boolean inside = column >= 0 && row >= 0 && column < size && row < size;
                int cell = inside && drawsModule[row * size + column] ? row * size + column : -1;
                cells[(row - firstRow) * across + column - first] = cell;
                fixed |= inside && cell < 0;
            }
        }
        for (int y = top; y < top + 8 && !fixed; y++) {
            for (int x = left; x < left + 8 && !fixed; x++) {
                fixed = x < width && y < width && pixels[y * width + x] != WHITE && !inModule(x, y);
            }
        }
        blockCells[index] = cells;
        // Above the module bits: the offset in the grid, or, for a block with more than modules in
        // it, its own place (the top bit tells the two apart).
        int phase = Math.floorMod(left - layout.offset(), scale) * scale + Math.floorMod(top - layout.offset(), scale);
        blockClass[index] = fixed ? Long.MIN_VALUE | (long) index << 32 : (long) phase << 32;
    }

    /** Whether pixel (x, y) lies in the square of a module drawn as one. */
    private boolean inModule(int x, int y) {
        int column = layout.moduleAt(x);
        int row = layout.moduleAt(y);
        return column >= 0 && row >= 0 && drawsModule[row * layout.modules() + column];
    }

    /** The code's pixels, {@code 0xRRGGBB} row by row: what {@link StyledDrawing#draw} draws. */
    int[] compose(QrMatrix symbol) {
        int[] picture = pixels.clone();
        int scale = layout.scale();
        int size = symbol.size();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (drawsModule[y * size + x] && symbol.isDark(x, y)) {
                    int left = layout.offset() + x * scale;
                    int top = layout.offset() + y * scale;
                    for (int dy = 0; dy < scale; dy++) {
                        System.arraycopy(module, dy * scale, picture, (top + dy) * width + left, scale);
                    }
                }
            }
        }
        return picture;
    }

    /** {@link #compose} as an image. */
    BufferedImage picture(QrMatrix symbol) {
        BufferedImage image = new BufferedImage(width, width, BufferedImage.TYPE_INT_RGB);
        image.getRaster().setDataElements(0, 0, width, width, compose(symbol));
        return image;
    }

    /** The code as a clean copy of it scans: {@link StyledDrawing#asScanned} of {@link #compose}. */
    BitMatrix scanned(QrMatrix symbol) {
        BitMatrix scanned = scannedPixels.clone();
        int scale = layout.scale();
        int size = symbol.size();
        BitArray row = new BitArray(width);
        for (int my = 0; my < size; my++) {
            int top = layout.offset() + my * scale;
            for (int dy = 0; dy < scale; dy++) {
                if (scannedFrom[dy] == scannedTo[dy]) {
                    continue;
                }
                row = scanned.getRow(top + dy, row);
                boolean any = false;
                for (int mx = 0; mx < size; mx++) {
                    if (drawsModule[my * size + mx] && symbol.isDark(mx, my)) {
                        int left = layout.offset() + mx * scale;
                        row.setRange(left + scannedFrom[dy], left + scannedTo[dy]);
                        any = true;
                    }
                }
                if (any) {
                    scanned.setRow(top + dy, row);
                }
            }
        }
        return scanned;
    }

    /**
     * The code as a JPEG, block by block from the blocks these parts keep: looked up first in a
     * table of this image's own (open addressing, no boxing), then in the parts' shared one.
     */
    byte[] jpeg(QrMatrix symbol) {
        int perSide = (width + 7) / 8;
        int size = symbol.size();
        JpegBlockWriter out = new JpegBlockWriter(width);
        long[] localKeys = new long[2048];
        JpegBlockWriter.CodedBlock[] localBlocks = new JpegBlockWriter.CodedBlock[2048];
        int localCount = 0;
        for (int index = 0; index < blockClass.length; index++) {
            int[] cells = blockCells[index];
            long key = blockClass[index];
            for (int i = 0; i < cells.length; i++) {
                int cell = cells[i];
                if (cell >= 0 && symbol.isDark(cell % size, cell / size)) {
                    key |= 1L << i;
                }
            }
            int slots = localKeys.length - 1;
            int slot = (int) (key * SPREAD >>> 40) & slots;
            while (localBlocks[slot] != null && localKeys[slot] != key) {
                slot = slot + 1 & slots;
            }
            JpegBlockWriter.CodedBlock block = localBlocks[slot];
            if (block == null) {
                block = shared(key, symbol, index % perSide * 8, index / perSide * 8);
                localKeys[slot] = key;
                localBlocks[slot] = block;
                if (++localCount * 2 > localKeys.length) {
                    long[] keys = localKeys;
                    JpegBlockWriter.CodedBlock[] values = localBlocks;
                    localKeys = new long[keys.length * 2];
                    localBlocks = new JpegBlockWriter.CodedBlock[keys.length * 2];
                    for (int i = 0; i < keys.length; i++) {
                        if (values[i] != null) {
                            int moved = (int) (keys[i] * SPREAD >>> 40) & localKeys.length - 1;
                            while (localBlocks[moved] != null) {
                                moved = moved + 1 & localKeys.length - 1;
                            }
                            localKeys[moved] = keys[i];
                            localBlocks[moved] = values[i];
                        }
                    }
                }
            }
            out.write(block);
        }
        return out.finish();
    }

    private JpegBlockWriter.CodedBlock shared(long key, QrMatrix symbol, int left, int top) {
        JpegBlockWriter.CodedBlock block = blocks.get(key);
        if (block == null) {
            block = code(symbol, left, top);
            if (blocks.size() >= MAX_BLOCKS) {
                blocks.clear();
            }
            blocks.put(key, block);
        }
        return block;
    }

    /** The block at (left, top) of this code, coded. */
    private JpegBlockWriter.CodedBlock code(QrMatrix symbol, int left, int top) {
        int[] block = new int[64];
        int scale = layout.scale();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int px = left + x;
                int py = top + y;
                int colour = WHITE;
                if (px < width && py < width) {
                    colour = pixels[py * width + px];
                    int column = layout.moduleAt(px);
                    int row = layout.moduleAt(py);
                    if (column >= 0 && row >= 0 && drawsModule[row * layout.modules() + column] && symbol.isDark(column, row)) {
                        colour = module[(py - layout.offset() - row * scale) * scale + px - layout.offset() - column * scale];
                    }
                }
                block[y * 8 + x] = colour;
            }
        }
        return JpegBlockWriter.code(block);
    }

    private int weight() {
        return pixels.length * 4 + width * width / 8 + blockCells.length * 48 + module.length * 4;
    }

    private static int[] rgb(BufferedImage image) {
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] rgb = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            rgb[i] = data[i] & 0xFFFFFF;
        }
        return rgb;
    }
}
