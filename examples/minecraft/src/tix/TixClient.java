package tix;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Ticketonomics API client for game servers: JDK 17's java.net.http and nothing else. Amounts are
 * long minor units (1 TIX = 100); every POST carries an idempotency key, so retrying a call with the
 * same key never pays twice.
 */
public final class TixClient {
    /** An amount with its asset and the asset's decimals. */
    public record Money(String asset, long amount, int scale) {
        static Money of(Object json) {
            Map<?, ?> m = (Map<?, ?>) json;
            return new Money((String) m.get("asset"), (Long) m.get("amount"), ((Long) m.get("scale")).intValue());
        }

        @Override public String toString() {
            return java.math.BigDecimal.valueOf(amount, scale).toPlainString() + " " + asset;
        }
    }

    public record Balance(String account, List<Money> balances) {
        /** The balance of one asset, zero when the account holds none. */
        public long of(String asset) {
            return balances.stream().filter(m -> m.asset().equals(asset)).mapToLong(Money::amount).sum();
        }
    }

    public record Transfer(long seq, String from, String to, Money amount, Money fee) {}

    public record Link(String code, String subject, long expiresAt, String instruction) {}

    /** A refusal: RFC 9457 problem details, with the stable code in {@code type}. */
    public static final class TixException extends IOException {
        public final int status;
        public final String type;

        TixException(int status, String type, String detail) {
            super(type + ": " + detail);
            this.status = status;
            this.type = type;
        }
    }

    /** HTTP/1.1 keep-alive: the JDK would otherwise try an h2c upgrade on every GET. */
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** {@code base} like http://127.0.0.1:8080, {@code token} as printed by {@code tix apikey create}. */
    public TixClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** A player's balances; {@code account} may be a linked Minecraft UUID. */
    public Balance balance(String account) throws IOException, InterruptedException {
        Map<?, ?> json = (Map<?, ?>) send(HttpRequest.newBuilder(uri("/v1/balances/" + account)).GET());
        List<Money> list = ((List<?>) json.get("balances")).stream().map(Money::of).toList();
        return new Balance((String) json.get("account"), list);
    }

    /** Pays a player from the server's treasury (a quest reward). */
    public Transfer pay(String to, long amount, String memo, String idempotencyKey) throws IOException, InterruptedException {
        return transfer(post("/v1/pay", "{\"to\":" + Json.quote(to) + ",\"amount\":" + amount + memo(memo) + "}", idempotencyKey));
    }

    /** Charges a player within the allowance they granted (land rent). */
    public Transfer charge(String from, long amount, String memo, String idempotencyKey) throws IOException, InterruptedException {
        return transfer(post("/v1/charge", "{\"from\":" + Json.quote(from) + ",\"amount\":" + amount + memo(memo) + "}", idempotencyKey));
    }

    /** A code the player sends to the bot as /link CODE, tying {@code minecraftId} to their account. */
    public Link link(UUID minecraftId, String idempotencyKey) throws IOException, InterruptedException {
        Map<?, ?> json = (Map<?, ?>) post("/v1/links", "{\"subject\":" + Json.quote(minecraftId.toString()) + "}", idempotencyKey);
        return new Link((String) json.get("code"), (String) json.get("subject"), (Long) json.get("expiresAt"), (String) json.get("instruction"));
    }

    /**
     * Whether a webhook is genuine: {@code header} is {@code Tix-Signature: t=TIMESTAMP,v1=HEX}, HEX the
     * HMAC-SHA256 of "TIMESTAMP.BODY" under the endpoint's secret, and TIMESTAMP within 5 minutes of now.
     */
    public static boolean verifySignature(String secret, String header, String body, long nowSeconds) {
        String timestamp = null, signature = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) timestamp = part.substring(2);
            if (part.startsWith("v1=")) signature = part.substring(3);
        }
        if (timestamp == null || signature == null) return false;
        try {
            if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > 300) return false;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
        } catch (IllegalArgumentException | NoSuchAlgorithmException | InvalidKeyException e) {
            return false; // a malformed timestamp or hex is no signature
        }
    }

    private static String memo(String memo) { return memo == null ? "" : ",\"memo\":" + Json.quote(memo); }

    private static Transfer transfer(Object json) {
        Map<?, ?> m = (Map<?, ?>) json;
        return new Transfer((Long) m.get("seq"), (String) m.get("from"), (String) m.get("to"), Money.of(m.get("amount")), Money.of(m.get("fee")));
    }

    private URI uri(String path) { return URI.create(base + path); }

    private Object post(String path, String body, String idempotencyKey) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Object send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
            request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        Object json = Json.parse(response.body());
        if (response.statusCode() >= 400) {
            Map<?, ?> problem = (Map<?, ?>) json;
            throw new TixException(response.statusCode(), (String) problem.get("type"), (String) problem.get("detail"));
        }
        return json;
    }
}
