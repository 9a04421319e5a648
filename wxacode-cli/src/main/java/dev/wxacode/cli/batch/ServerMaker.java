package dev.wxacode.cli.batch;

import dev.wxacode.client.CodeImage;
import dev.wxacode.client.Rgb;
import dev.wxacode.client.UnlimitedCode;
import dev.wxacode.client.WxaCodeClient;
import dev.wxacode.client.WxaCodeException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Makes codes through the HTTP API. 45009 (the app's minute allowance is spent) is waited out:
 * the wait starts at {@code backoff} and doubles up to a minute, when the allowance is whole again.
 * -1 (the server overloaded) and network errors are tried five times in all, waiting the same way.
 * A refusal of the app's credentials stops the batch ({@link Batch.Abort}).
 */
public final class ServerMaker implements Maker {
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);
    private static final int TRANSIENT_ATTEMPTS = 5;
    /** Refusals of the app itself, not of a row: every other row would get the same, so the batch stops. */
    private static final Set<Integer> CREDENTIAL_REFUSALS = Set.of(40002, 40013, 40125, 40164, 40243, 41002, 41004, 48001);

    private final WxaCodeClient client;
    private final Duration backoff;
    private final Optional<Print> print;

    /** @param print every code for print: its link's SVG or PDF ({@link WxaCodeClient#linkImage}) */
    public ServerMaker(WxaCodeClient client, Duration backoff, Optional<Print> print) {
        this.client = client;
        this.backoff = backoff;
        this.print = print;
    }

    @Override
    public byte[] make(BatchRow row, StopSignal stop) {
        UnlimitedCode request = UnlimitedCode.of(row.scene()).withPage(row.page()).withWidth(row.width())
                .withEnvVersion(row.envVersion()).withCheckPath(row.checkPath()).withAutoColor(row.autoColor())
                .withHyaline(row.hyaline()).withLineColor(row.lineColor() == null ? Rgb.BLACK : Rgb.parse(row.lineColor()));
        Duration wait = backoff;
        for (int transientFailures = 0; ; ) {
            try {
                CodeImage code = client.getUnlimited(request);
                return (print.isPresent() ? print.get().of(code, client, row.width()) : code).bytes();
            } catch (WxaCodeException e) {
                if (CREDENTIAL_REFUSALS.contains(e.errcode())) {
                    throw new Batch.Abort(e);
                }
                if (e.errcode() != 45009 && (e.errcode() != -1 || ++transientFailures == TRANSIENT_ATTEMPTS)) {
                    throw e;
                }
            } catch (UncheckedIOException e) {
                if (++transientFailures == TRANSIENT_ATTEMPTS) {
                    throw e;
                }
            }
            stop.pause(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
    }
}
