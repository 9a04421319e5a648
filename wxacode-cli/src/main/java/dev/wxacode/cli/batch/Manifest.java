package dev.wxacode.cli.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The record of finished rows, {@code manifest.csv}: {@code line,row_hash,scene,file,sha256,bytes},
 * one line appended and flushed per file, after the file itself is complete and in place. So
 * whatever stops a batch (Ctrl-C, kill -9), every line of the manifest names a whole file, and a
 * rerun skips exactly those rows.
 *
 * <p>On reopening, an entry counts as done when its file is there with its recorded size (and, with
 * {@code verify}, its recorded SHA-256) and its row is unchanged in the input ({@code row_hash}: a
 * 64-bit hash of the input line). A half-written last line, from a kill mid-write, is ignored.
 */
final class Manifest implements Closeable {
    static final String FILE = "manifest.csv";
    private static final String HEADER = "line,row_hash,scene,file,sha256,bytes";

    /** An entry as read back. */
    record Entry(long line, long rowHash, String scene, String file, String sha256, long bytes) {
    }

    private final BitSet done = new BitSet();
    private final long[] hashes;
    private BufferedWriter out;

    private Manifest(long maxLine) {
        this.hashes = new long[(int) Math.min(Integer.MAX_VALUE - 8, maxLine + 2)];
    }

    /**
     * Opens (or starts) the manifest in {@code dir}, learning which rows are done.
     *
     * @param maxLine the input's last line number, to size the table of done rows
     */
    static Manifest open(Path dir, long maxLine, boolean verify) throws IOException {
        Path file = dir.resolve(FILE);
        Manifest manifest = new Manifest(maxLine);
        if (Files.exists(file)) {
            read(file, entry -> manifest.admit(dir, entry, verify));
            manifest.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            // A killed batch may have left half a line: start ours on a fresh one.
            if (Files.size(file) > 0 && lastByte(file) != '\n') {
                manifest.out.newLine();
            }
        } else {
            manifest.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            manifest.out.write(HEADER);
            manifest.out.newLine();
            manifest.out.flush();
        }
        return manifest;
    }

    /** Every complete entry of a manifest file, in file order. */
    static void read(Path file, Consumer<Entry> each) throws IOException {
        ObjectReader csv = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(text -> {
                try (MappingIterator<List<String>> it = csv.readValues(text)) {
                    List<String> cells = it.hasNext() ? it.next() : List.of();
                    if (cells.size() == 6) {
                        each.accept(new Entry(Long.parseLong(cells.get(0)), Long.parseUnsignedLong(cells.get(1), 16),
                                cells.get(2), cells.get(3), cells.get(4), Long.parseLong(cells.get(5))));
                    }
                } catch (IOException | RuntimeException e) {
                    // a half-written line from an interrupted run: not an entry
                }
            });
        }
    }

    boolean isDone(BatchRow row) {
        return row.line() < hashes.length && done.get((int) row.line()) && hashes[(int) row.line()] == rowHash(row.text());
    }

    int doneCount() {
        return done.cardinality();
    }

    /** Records a finished row; its file must already be complete and in place. */
    synchronized void record(BatchRow row, String sha256, long bytes) {
        try {
            out.write(row.line() + "," + Long.toHexString(rowHash(row.text())) + "," + quote(row.scene()) + ","
                    + row.filename() + "," + sha256 + "," + bytes);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest", e);
        }
    }

    private void admit(Path dir, Entry entry, boolean verify) {
        if (entry.line() >= hashes.length) {
            return;
        }
        Path file = dir.resolve(entry.file());
        try {
            if (Files.size(file) == entry.bytes() && (!verify || sha256(Files.readAllBytes(file)).equals(entry.sha256()))) {
                done.set((int) entry.line());
                hashes[(int) entry.line()] = entry.rowHash();
            }
        } catch (IOException e) {
            // missing or unreadable: the row is done again
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** 64 bits of MurmurHash3: enough to notice that a line of the input changed between two runs. */
    static long rowHash(String text) {
        return MurmurHash3.hash128x64(text.getBytes(StandardCharsets.UTF_8))[0];
    }

    /** Scenes may hold commas and quotes; CSV quoting keeps them whole. */
    private static String quote(String value) {
        return value.matches("[^,\"\\r\\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static int lastByte(Path file) throws IOException {
        try (var channel = Files.newByteChannel(file)) {
            channel.position(channel.size() - 1);
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one);
            return one.get(0);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
