package dev.wxacode.cli.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where a batch's files go: a directory, or a ZIP file. A ZIP is built from a directory beside it
 * ({@code codes.zip.parts}) once every row is done, so an interrupted batch resumes exactly like a
 * directory one; the parts are deleted after packing.
 */
public sealed interface Output permits Output.Directory, Output.Zip {

    /** {@code *.zip} for a ZIP file, anything else for a directory. */
    static Output of(Path target) {
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
                ? new Zip(target) : new Directory(target);
    }

    /** The directory the files, the manifest and the errors are written to. */
    Path dir();

    /** True when a previous run finished the whole batch already. */
    boolean complete();

    /** Called once every row is done. */
    void finish() throws IOException;

    /** Writes one file so that it appears whole or not at all: a partial file never has the final name. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.write(part, bytes);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    record Directory(Path dir) implements Output {
        @Override
        public boolean complete() {
            return false;
        }

        @Override
        public void finish() {
        }
    }

    record Zip(Path file) implements Output {
        @Override
        public Path dir() {
            return file.resolveSibling(file.getFileName() + ".parts");
        }

        @Override
        public boolean complete() {
            return Files.exists(file) && !Files.exists(dir());
        }

        /**
         * Packs the parts in manifest order (each row once, the manifest and errors last), images
         * stored as they are: JPEG and PNG are compressed already.
         */
        @Override
        public void finish() throws IOException {
            Path packing = file.resolveSibling(file.getFileName() + ".part");
            BitSet packed = new BitSet();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(packing))) {
                IOException[] failure = {null};
                Manifest.read(dir().resolve(Manifest.FILE), entry -> {
                    if (failure[0] == null && !packed.get((int) entry.line())) {
                        packed.set((int) entry.line());
                        try {
                            store(zip, entry.file(), Files.readAllBytes(dir().resolve(entry.file())));
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
                store(zip, Manifest.FILE, Files.readAllBytes(dir().resolve(Manifest.FILE)));
                store(zip, Batch.ERRORS, Files.readAllBytes(dir().resolve(Batch.ERRORS)));
            }
            Files.move(packing, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> parts = Files.walk(dir())) {
                for (Path part : parts.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(part);
                }
            }
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
