package dev.wxacode.server.internal.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts signing keys before they are stored (AES-256-GCM), so a copy of the database alone
 * cannot forge codes.
 *
 * <p>The key comes from configuration ({@code WXACODE_MASTER_KEY}, which every node of a cluster
 * must share) or, on a single machine, from {@code master.key} in the data directory, created on
 * first start readable by its owner only.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE_NAME = "master.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private MasterKey(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** The configured key, else the data directory's key file, created if missing. */
    public static MasterKey load(Optional<byte[]> configured, Path dataDir, SecureRandom random) {
        if (configured.isPresent()) {
            return new MasterKey(configured.get(), random);
        }
        Path file = dataDir.resolve(FILE_NAME);
        log.warn("event=master_key_beside_data file=\"{}\" hint=\"set WXACODE_MASTER_KEY so that a copy of the data"
                + " directory alone does not hold the key to the signing keys\"", file);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                write(file, Base64.getEncoder().encodeToString(fresh));
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length != 32) {
                throw new IllegalStateException(file + " must hold 32 base64-encoded bytes");
            }
            return new MasterKey(key, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * Creates the key file, owner-only, and forces it to disk before any key is encrypted with it:
     * losing it would make every stored signing key, and so every printed code, unusable.
     */
    private static void write(Path file, String content) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, options, ownerOnly)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            // Another process created it first: use its key.
        }
    }

    /** @param context bound into the ciphertext (as associated data), so a blob cannot be moved to another key id */
    byte[] wrap(byte[] secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).apply(secret);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    /** @throws IllegalStateException if the blob was not wrapped by this key for this context */
    byte[] unwrap(byte[] wrapped, String context) {
        byte[] nonce = Arrays.copyOf(wrapped, NONCE_BYTES);
        return cipher(Cipher.DECRYPT_MODE, nonce, context).apply(Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length));
    }

    private CipherCall cipher(int mode, byte[] nonce, String context) {
        return input -> {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a stored signing key does not open with this master key ("
                        + "was WXACODE_MASTER_KEY or " + FILE_NAME + " changed?)", e);
            }
        };
    }

    private interface CipherCall {
        byte[] apply(byte[] input);
    }
}
