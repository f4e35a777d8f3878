package tix;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Minecraft server's day against a live `tix serve`: link a player, pay a quest reward, charge
 * land rent, check a webhook's signature. Configured by TIX_URL and TIX_TOKEN (a key with the
 * scopes balances:read, pay and charge), and PLAYER_UUID (the Minecraft id to link).
 *
 * It prints "LINK CODE <code>" and waits for one line on stdin once the player has sent /link CODE
 * to the bot (a plugin would wait for the player to come back instead).
 */
public final class ServerDay {
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("TIX_URL", "http://127.0.0.1:8080");
        TixClient tix = new TixClient(url, System.getenv("TIX_TOKEN"));
        UUID player = UUID.fromString(System.getenv("PLAYER_UUID"));
        // One idempotency key per action of the day: rerunning the day never pays twice.
        String day = System.getenv().getOrDefault("DAY", "day-1");

        TixClient.Link link = tix.link(player, day + "-link-" + player);
        System.out.println("LINK CODE " + link.code());
        System.out.println(link.instruction());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        TixClient.Balance before = tix.balance(player.toString());
        System.out.println("linked to " + before.account() + ", who holds " + before.of("TIX") + " minor units of TIX");

        TixClient.Transfer reward = tix.pay(player.toString(), 2_500, "quest: slay the dragon", day + "-quest-" + player);
        TixClient.Transfer retried = tix.pay(player.toString(), 2_500, "quest: slay the dragon", day + "-quest-" + player);
        if (retried.seq() != reward.seq()) throw new IllegalStateException("a retried payment was applied twice");
        System.out.println("QUEST paid " + reward.amount() + " (journal entry " + reward.seq() + ")");

        TixClient.Transfer rent = tix.charge(player.toString(), 1_000, "land rent", day + "-rent-" + player);
        System.out.println("RENT charged " + rent.amount() + " (fee " + rent.fee() + ")");
        try {
            tix.charge(player.toString(), 1_000_000, "too much rent", day + "-greedy-" + player);
            throw new IllegalStateException("a charge beyond the allowance went through");
        } catch (TixClient.TixException refused) {
            System.out.println("REFUSED " + refused.type + " (" + refused.status + ")");
        }

        // A webhook as the server would receive it, signed as Tix-Signature: t=...,v1=HMAC-SHA256(secret, t.body).
        String secret = "whsec_example", body = "{\"type\":\"transfer.received\"}";
        long now = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String header = "t=" + now + ",v1=" + HexFormat.of().formatHex(mac.doFinal((now + "." + body).getBytes(StandardCharsets.UTF_8)));
        boolean genuine = TixClient.verifySignature(secret, header, body, now);
        boolean forged = TixClient.verifySignature(secret, header, body.replace("received", "sent"), now);
        if (!genuine || forged) throw new IllegalStateException("signature check failed");
        System.out.println("WEBHOOK signature verified");

        TixClient.Balance after = tix.balance(player.toString());
        System.out.println("BALANCE " + after.of("TIX"));
    }
}
