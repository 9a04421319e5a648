package dev.wxacode.cli.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The record of finished rows, {@code manifest.csv}: {@code line,row_hash,scene,file,sha256,bytes},
 * one line appended and flushed per file, after the file itself is complete and in place. So
 * whatever stops a batch (Ctrl-C, kill -9), every line of the manifest names a whole file, and a
 * rerun skips exactly those rows.
 *
 * <p>On reopening, an entry counts as done when its file is there with its recorded size (and, with
 * {@code verify}, its recorded SHA-256); its row is skipped when nothing that shapes its file changed
 * ({@code row_hash}). A half-written last line, from a kill mid-write, is ignored. At the end of a
 * complete run the manifest is rewritten with one entry per row of the input, in the order they were
 * made, stale entries dropped.
 */
final class Manifest implements Closeable {
    static final String FILE = "manifest.csv";
    private static final String HEADER = "line,row_hash,scene,file,sha256,bytes";

    /** An entry as read back. */
    record Entry(long line, long rowHash, String scene, String file, String sha256, long bytes) {
        String csv() {
            return line + "," + Long.toHexString(rowHash) + "," + quote(scene) + "," + file + "," + sha256 + "," + bytes;
        }
    }

    /** What to do with each entry; may fail with an I/O error. */
    interface EntryConsumer {
        void accept(Entry entry) throws IOException;
    }

    private final Path file;
    private final BitSet done = new BitSet();
    /** The row hash of the accepted entry of each line: a later entry for a line replaces an earlier one. */
    private final long[] hashes;
    private BufferedWriter out;

    private Manifest(Path file, long maxLine) {
        this.file = file;
        this.hashes = new long[(int) Math.min(Integer.MAX_VALUE - 8, maxLine + 2)];
    }

    /**
     * Opens (or starts) the manifest in {@code dir}, learning which rows are done.
     *
     * @param maxLine the input's last line number, to size the table of done rows
     */
    static Manifest open(Path dir, long maxLine, boolean verify) throws IOException {
        Manifest manifest = new Manifest(dir.resolve(FILE), maxLine);
        if (Files.exists(manifest.file)) {
            read(manifest.file, entry -> manifest.admit(dir, entry, verify));
            manifest.out = Files.newBufferedWriter(manifest.file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            // A killed batch may have left half a line: start ours on a fresh one.
            if (Files.size(manifest.file) > 0 && lastByte(manifest.file) != '\n') {
                manifest.out.newLine();
            }
        } else {
            manifest.out = Files.newBufferedWriter(manifest.file, StandardCharsets.UTF_8);
            manifest.out.write(HEADER);
            manifest.out.newLine();
            manifest.out.flush();
        }
        return manifest;
    }

    /** Every complete entry of a manifest file, in file order. */
    static void read(Path file, EntryConsumer each) throws IOException {
        ObjectReader csv = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
        try (BufferedReader reader = RowReader.open(file)) {
            reader.readLine();
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                Entry entry;
                try (MappingIterator<List<String>> it = csv.readValues(text)) {
                    List<String> cells = it.hasNext() ? it.next() : List.of();
                    if (cells.size() != 6) {
                        continue;
                    }
                    entry = new Entry(Long.parseLong(cells.get(0)), Long.parseUnsignedLong(cells.get(1), 16),
                            cells.get(2), cells.get(3), cells.get(4), Long.parseLong(cells.get(5)));
                } catch (IOException | RuntimeException e) {
                    continue; // a half-written line from an interrupted run: not an entry
                }
                each.accept(entry);
            }
        }
    }

    boolean isDone(BatchRow row) {
        int line = (int) row.line();
        return line < hashes.length && done.get(line) && hashes[line] == rowHash(row);
    }

    int doneCount() {
        return done.cardinality();
    }

    /** Records a finished row; its file must already be complete and in place. */
    synchronized void record(BatchRow row, String sha256, long bytes) {
        Entry entry = new Entry(row.line(), rowHash(row), row.scene(), row.filename(), sha256, bytes);
        try {
            out.write(entry.csv());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest", e);
        }
        accept(entry);
    }

    /**
     * The entries of the rows in {@code current} (the input's rows, all done), one per line, each
     * the one whose row is the current one.
     */
    void currentEntries(BitSet current, EntryConsumer each) throws IOException {
        BitSet given = new BitSet();
        read(file, entry -> {
            int line = (int) entry.line();
            if (current.get(line) && !given.get(line) && line < hashes.length && hashes[line] == entry.rowHash()) {
                given.set(line);
                each.accept(entry);
            }
        });
    }

    /** Rewrites the manifest with only {@link #currentEntries}, through a temporary file: never half a manifest. */
    void compact(BitSet current) throws IOException {
        out.close();
        Path next = file.resolveSibling(FILE + ".next");
        try (BufferedWriter compacted = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            compacted.write(HEADER);
            compacted.newLine();
            currentEntries(current, entry -> {
                compacted.write(entry.csv());
                compacted.newLine();
            });
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void admit(Path dir, Entry entry, boolean verify) {
        if (entry.line() >= hashes.length) {
            return;
        }
        Path image = dir.resolve(entry.file());
        try {
            if (Files.size(image) == entry.bytes() && (!verify || sha256(Files.readAllBytes(image)).equals(entry.sha256()))) {
                accept(entry);
            }
        } catch (IOException e) {
            // missing or unreadable: the row is made again
        }
    }

    private void accept(Entry entry) {
        done.set((int) entry.line());
        hashes[(int) entry.line()] = entry.rowHash();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** 64 bits of MurmurHash3 over what shapes the row's file: enough to notice a change between runs. */
    static long rowHash(BatchRow row) {
        return MurmurHash3.hash128x64(row.identity().getBytes(StandardCharsets.UTF_8))[0];
    }

    /** Scenes may hold commas and quotes; CSV quoting keeps them whole. */
    static String quote(String value) {
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
