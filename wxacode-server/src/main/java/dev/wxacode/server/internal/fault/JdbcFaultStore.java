package dev.wxacode.server.internal.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxacode.server.fault.FaultRule;
import dev.wxacode.server.internal.http.WireJson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link FaultStore} on the {@code fault_rules} table, each rule as its admin-API JSON. */
public final class JdbcFaultStore implements FaultStore {
    private final Jdbi jdbi;

    public JdbcFaultStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<FaultRule> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT appid, rule FROM fault_rules")
                        .map((rs, ctx) -> FaultJson.fromJson(rs.getString(1), parse(rs.getString(2))))
                        .list())
                .stream()
                .sorted(Comparator.comparing(FaultRule::createdAt, Comparator.<Instant>naturalOrder()).thenComparing(FaultRule::id))
                .toList();
    }

    @Override
    public void save(FaultRule rule) {
        String json = new String(WireJson.write(FaultJson.toJson(rule)), StandardCharsets.UTF_8);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM fault_rules WHERE appid = :appid AND id = :id")
                    .bind("appid", rule.appid()).bind("id", rule.id()).execute();
            h.createUpdate("INSERT INTO fault_rules (appid, id, rule) VALUES (:appid, :id, :rule)")
                    .bind("appid", rule.appid()).bind("id", rule.id()).bind("rule", json).execute();
        });
    }

    @Override
    public void delete(String appid, String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM fault_rules WHERE appid = :appid AND id = :id")
                .bind("appid", appid).bind("id", id).execute());
    }

    @Override
    public void deleteAll(String appid) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM fault_rules WHERE appid = :appid").bind("appid", appid).execute());
    }

    private static JsonNode parse(String json) {
        try {
            return WireJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
