package dev.wxacode.core.code;

/**
 * What an API's codes or links are, as the server keeps them: the name it stores, and WeChat's
 * launch scene for a mini program opened by one.
 */
public interface LaunchKind {
    String storedName();

    /** 1047 a mini-program code scanned, 1011 a QR code, 1065 a URL Scheme, 1194 a URL Link. */
    int launchScene();

    /** The kind of {@code type} stored under {@code name}. */
    static <K extends Enum<K> & LaunchKind> K fromStored(Class<K> type, String name) {
        for (K kind : type.getEnumConstants()) {
            if (kind.storedName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " " + name);
    }
}
