package dev.wxacode.server.internal.code;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wxacode.core.render.RenderSpec;
import dev.wxacode.core.style.CodeStyle;
import dev.wxacode.server.code.RenderedCode;
import dev.wxacode.server.internal.observe.Metrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Finished images by what decides their bytes: the signed link, the drawing spec and the style. Drawing is
 * deterministic, so a repeated identical request gets the very image it got before; the link
 * carries the signing key id and tag, so a key rotation (or another app, page, env or scene) is
 * another entry, never a stale image.
 *
 * <p>Bounded by bytes, least useful entries evicted first (Caffeine's W-TinyLFU). An image larger
 * than the whole cache is drawn and answered but not kept.
 */
final class CodeCache {
    /**
     * What an entry costs besides its image and link text: cache and map nodes, key, spec, future,
     * the {@link RenderedCode} and its 32-character name, array headers; about 330 bytes, rounded up.
     */
    static final int ENTRY_OVERHEAD = 384;

    /** Null when the cache is off: every call draws. */
    private final AsyncCache<Key, RenderedCode> cache;

    /**
     * @param maxBytes 0 turns the cache off (and its metrics are not registered)
     */
    CodeCache(long maxBytes, Metrics metrics) {
        if (maxBytes == 0) {
            this.cache = null;
            return;
        }
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, RenderedCode code) -> code.bytes().length + key.url().length() + ENTRY_OVERHEAD)
                // Evictions run on the request thread that made them due, not on the common pool:
                // the bound holds as soon as a reply is ready, and no other pool does our work.
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
        metrics.total("wxacode.code.cache.hits", "Code requests answered from the cache, without drawing", this,
                c -> c.cache.synchronous().stats().hitCount());
        metrics.total("wxacode.code.cache.misses", "Code requests that drew their image", this,
                c -> c.cache.synchronous().stats().missCount());
        metrics.gauge("wxacode.code.cache.bytes", "Estimated memory the cached code images take, in bytes",
                () -> cache.synchronous().policy().eviction().orElseThrow().weightedSize().orElse(0));
    }

    /**
     * The image for this link and spec: the cached one, or the one an identical request is drawing
     * right now (waited for, sharing its outcome), or else {@code draw}'s, run on this thread and
     * kept. Only {@code draw} takes a CPU slot, so a hit never waits for one.
     *
     * @throws RuntimeException whatever {@code draw} throws (e.g. -1 when no CPU slot frees in
     *                          time); a failure is not kept, the next request draws again
     */
    RenderedCode get(String url, RenderSpec spec, CodeStyle style, Supplier<RenderedCode> draw) {
        if (cache == null) {
            return draw.get();
        }
        CompletableFuture<RenderedCode> mine = new CompletableFuture<>();
        // The mapping only puts an empty future in: drawing inside it would hold a lock of the
        // map, blocking requests for other codes while this one waits for a CPU slot.
        CompletableFuture<RenderedCode> shared = cache.get(new Key(url, spec, style), (key, executor) -> mine);
        if (shared != mine) {
            return join(shared);
        }
        try {
            RenderedCode code = draw.get();
            mine.complete(code);
            return code;
        } catch (Throwable e) {
            mine.completeExceptionally(e); // Caffeine drops a failed future: the next request draws again
            throw e;
        }
    }

    private static RenderedCode join(CompletableFuture<RenderedCode> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            // The drawing request's own exception (a WxException, say), so the ErrorMapper answers alike.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The style compares its logo by the file's digest: a new logo is a new entry. */
    private record Key(String url, RenderSpec spec, CodeStyle style) {
    }
}
