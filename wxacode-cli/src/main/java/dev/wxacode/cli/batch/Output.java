package dev.wxacode.cli.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Where a batch's files go: a directory, or a ZIP file.
 *
 * <p>A ZIP is built from a directory beside it ({@code codes.zip.parts}) once every row is done, so
 * an interrupted batch resumes exactly like a directory one. After packing, the parts go, and
 * {@code codes.zip.done} records which input and settings the ZIP is complete for: rerunning the
 * same batch does nothing (and reports what the finished run did), while a changed input, or a run
 * that had refused rows (a page published since may now succeed), unpacks the ZIP and carries on
 * from its manifest.
 */
sealed interface Output permits Output.Directory, Output.Zip {

    /** {@code *.zip} for a ZIP file, anything else for a directory. */
    static Output of(Path target) {
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") ? new Zip(target) : new Directory(target);
    }

    /** The directory the files, the manifest and the errors are written to. */
    Path dir();

    /**
     * A batch finished with nothing left to retry: only invalid rows, which no rerun changes.
     *
     * @param fingerprint the input and settings it was finished for
     */
    record Finished(String fingerprint, long rows, long invalid) {
        String text() {
            return fingerprint + " " + rows + " " + invalid;
        }

        static Optional<Finished> parse(String text) {
            String[] parts = text.strip().split(" ");
            try {
                return parts.length == 3
                        ? Optional.of(new Finished(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Gets {@link #dir()} ready, removing half-written files of an interrupted run.
     *
     * @param fingerprint the input and settings of this run
     * @return the previous run, when it finished exactly this batch: nothing to do
     */
    Optional<Finished> prepare(String fingerprint) throws IOException;

    /**
     * Called once every row is done and the manifest compacted.
     *
     * @param finished present when no row is left to retry
     */
    void finish(Manifest manifest, BitSet current, Optional<Finished> finished) throws IOException;

    /**
     * Writes one file so that it appears whole or not at all: a partial file never has the final
     * name. The temporary name is the writing thread's own, so two rows never share one.
     */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + "." + Thread.currentThread().threadId() + ".part");
        Files.write(part, bytes);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeHalfWritten(Path dir) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part")) {
            for (Path part : parts) {
                Files.delete(part);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    record Directory(Path dir) implements Output {
        /** Never finished beforehand: with the manifest, a rerun that has nothing to do is quick anyway. */
        @Override
        public Optional<Finished> prepare(String fingerprint) throws IOException {
            Files.createDirectories(dir);
            removeHalfWritten(dir);
            return Optional.empty();
        }

        @Override
        public void finish(Manifest manifest, BitSet current, Optional<Finished> finished) {
        }
    }

    record Zip(Path file) implements Output {
        @Override
        public Path dir() {
            return sibling(".parts");
        }

        private Path sibling(String suffix) {
            return file.resolveSibling(file.getFileName() + suffix);
        }

        @Override
        public Optional<Finished> prepare(String fingerprint) throws IOException {
            deleteTree(sibling(".trash"));
            if (!Files.exists(dir()) && Files.exists(file)) {
                Path done = sibling(".done");
                Optional<Finished> before = Files.exists(done)
                        ? Finished.parse(Files.readString(done, StandardCharsets.UTF_8)).filter(f -> f.fingerprint().equals(fingerprint))
                        : Optional.empty();
                if (before.isPresent()) {
                    return before;
                }
                unpack();
            }
            Files.createDirectories(dir());
            removeHalfWritten(dir());
            return Optional.empty();
        }

        /** The ZIP back into parts, its manifest included, so that a changed batch carries on from it. */
        private void unpack() throws IOException {
            Path unpacking = sibling(".unpacking");
            deleteTree(unpacking);
            Files.createDirectories(unpacking);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, unpacking.resolve(Path.of(entry.getName()).getFileName().toString()));
                    }
                }
            }
            Files.move(unpacking, dir(), StandardCopyOption.ATOMIC_MOVE);
        }

        /**
         * Packs the current rows' files in manifest order, then the manifest and the errors; images
         * stored as they are, JPEG and PNG being compressed already. The parts are renamed away
         * before they are deleted, so a kill in the middle of deleting never leaves parts without a
         * manifest.
         */
        @Override
        public void finish(Manifest manifest, BitSet current, Optional<Finished> finished) throws IOException {
            Path packing = sibling(".part");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(packing))) {
                manifest.currentEntries(current, entry -> store(zip, entry.file(), Files.readAllBytes(dir().resolve(entry.file()))));
                store(zip, Manifest.FILE, Files.readAllBytes(dir().resolve(Manifest.FILE)));
                store(zip, Batch.ERRORS, Files.readAllBytes(dir().resolve(Batch.ERRORS)));
            }
            Files.move(packing, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path done = sibling(".done");
            if (finished.isPresent()) {
                Files.writeString(done, finished.get().text(), StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(done);
            }
            Path trash = sibling(".trash");
            Files.move(dir(), trash, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(trash);
        }

        private static void store(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        }
    }
}
