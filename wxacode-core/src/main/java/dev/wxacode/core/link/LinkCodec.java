package dev.wxacode.core.link;

import dev.wxacode.core.code.Appid;
import dev.wxacode.core.code.EnvVersion;
import dev.wxacode.core.code.Scene;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.core.wire.WxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Turns a {@link SignedLink} into the signed token that ends a code's URL, and back.
 *
 * <p>Layout, then Base32 without padding. Version 1, a {@link LaunchLink}:
 * <pre>
 *   1 byte   version (high 4 bits) | env version (low 2 bits)
 *   varint   key id
 *   8 bytes  appid (the 16 hex digits after "wx")
 *   varint   page id (0 = home page)
 *   n bytes  scene, ASCII
 *   10 bytes HMAC-SHA256 of everything above, truncated
 * </pre>
 * Version 2, a {@link LimitedLink}: the same header (env bits 0: the stored code knows its build),
 * key id and appid, then a varint code id, then the tag. Version 3, a {@link JumpLink}: the same
 * with the link's id.
 *
 * <p>A page id instead of the path keeps the size independent of the page: a 32-character scene gives
 * 55 bytes, 88 characters. Base32 uses only upper-case letters and digits, which QR's alphanumeric
 * mode packs at 5.5 bits per character instead of 8, so the whole URL, upper-cased, still fits a
 * version 5 code (37 modules) at error correction M. The 80-bit tag makes a forgery cost about
 * 2<sup>80</sup> online guesses.
 */
public final class LinkCodec {
    static final int VERSION = 1;
    static final int LIMITED_VERSION = 2;
    static final int JUMP_VERSION = 3;
    static final int MAC_BYTES = 10;
    private static final int APPID_BYTES = 8;

    private final Supplier<KeyRing> keys;

    /** @param keys read on every call, so a rotation takes effect without a new codec */
    public LinkCodec(Supplier<KeyRing> keys) {
        this.keys = keys;
    }

    /** Signs {@code link} with the active key. The same link and key always give the same token. */
    public String encode(SignedLink link) {
        SigningKey key = keys.get().active();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        switch (link) {
            case LaunchLink launch -> {
                out.write((VERSION << 4) | launch.envVersion().ordinal());
                writeVarint(out, key.kid());
                out.writeBytes(launch.appid().toBytes());
                writeVarint(out, launch.pageId());
                out.writeBytes(launch.scene().value().getBytes(StandardCharsets.US_ASCII));
            }
            case LimitedLink limited -> writeKept(out, LIMITED_VERSION, key, limited.appid(), limited.codeId());
            case JumpLink jump -> writeKept(out, JUMP_VERSION, key, jump.appid(), jump.linkId());
        }
        byte[] body = out.toByteArray();
        out.writeBytes(key.macLink(body, MAC_BYTES));
        return Base32Text.encode(out.toByteArray());
    }

    /**
     * @throws WxException {@link Errcode#INVALID_LINK} if the token is malformed or its tag does not
     *                     verify; {@link Errcode#UNKNOWN_SIGNING_KEY} if its key is not in the ring
     */
    public SignedLink decode(String token) {
        byte[] bytes = base32Decode(token);
        // header + kid + appid + page or code id + tag; a scene link has at least one scene byte more
        if (bytes.length < 1 + 1 + APPID_BYTES + 1 + MAC_BYTES) {
            throw invalid("too short");
        }
        int version = bytes[0] >>> 4;
        int env = bytes[0] & 0x0F;
        boolean kept = version == LIMITED_VERSION || version == JUMP_VERSION;
        if (version == VERSION ? env >= EnvVersion.values().length : !kept || env != 0) {
            throw invalid("header " + bytes[0]);
        }
        int[] pos = {1};
        int kid = readVarint(bytes, pos);
        SigningKey key = keys.get().find(kid)
                .orElseThrow(() -> new WxException(Errcode.UNKNOWN_SIGNING_KEY, "kid " + kid));
        int macStart = bytes.length - MAC_BYTES;
        byte[] expected = key.macLink(Arrays.copyOf(bytes, macStart), MAC_BYTES);
        if (!SigningKey.constantTimeEquals(expected, Arrays.copyOfRange(bytes, macStart, bytes.length))) {
            throw invalid("tag mismatch");
        }
        // Past this point the bytes are ours, but a bug in an old writer must still not crash a read.
        if (pos[0] + APPID_BYTES >= macStart) {
            throw invalid("truncated body");
        }
        Appid appid = Appid.fromBytes(Arrays.copyOfRange(bytes, pos[0], pos[0] + APPID_BYTES));
        pos[0] += APPID_BYTES;
        int id = readVarint(bytes, pos);
        if (kept) {
            if (pos[0] != macStart || id < 1) {
                throw invalid("not one id");
            }
            return version == LIMITED_VERSION ? new LimitedLink(appid, id) : new JumpLink(appid, id);
        }
        if (pos[0] >= macStart) {
            throw invalid("no scene");
        }
        String scene = new String(bytes, pos[0], macStart - pos[0], StandardCharsets.US_ASCII);
        try {
            return new LaunchLink(appid, id, EnvVersion.values()[env], new Scene(scene));
        } catch (WxException e) {
            throw invalid("scene does not pass the scene rules");
        }
    }

    private static WxException invalid(String detail) {
        return new WxException(Errcode.INVALID_LINK, detail);
    }

    /** Accepts only the canonical form that {@link #encode} writes, so each link has one spelling. */
    private static byte[] base32Decode(String token) {
        if (token == null || token.length() > 256) {
            throw invalid("not base32");
        }
        try {
            return Base32Text.decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid("not base32: " + e.getMessage());
        }
    }

    /** The body of a link to something the app keeps: header, key id, appid, the thing's id. */
    private static void writeKept(ByteArrayOutputStream out, int version, SigningKey key, Appid appid, int id) {
        out.write(version << 4);
        writeVarint(out, key.kid());
        out.writeBytes(appid.toBytes());
        writeVarint(out, id);
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(byte[] bytes, int[] pos) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos[0] >= bytes.length) {
                throw invalid("truncated varint");
            }
            int b = bytes[pos[0]++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw invalid("varint overflow");
                }
                return value;
            }
        }
        throw invalid("varint too long");
    }
}
