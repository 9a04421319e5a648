package dev.wxacode.server.internal.signing;

import java.util.List;

/** Where generated signing keys live, encrypted. Shared by every node of a cluster. */
public interface SigningKeyStore {

    /** A key as stored: its id, the master-key-encrypted secret and when it was made. */
    record StoredKey(int kid, byte[] wrapped, long createdAtMillis) {
    }

    /** Every stored key, oldest first. */
    List<StoredKey> all();

    /** @return false if a key with this id exists already (another node got there first) */
    boolean add(StoredKey key);
}
