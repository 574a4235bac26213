package org.vigie.agent.config;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated listener configuration (SPEC §2 Listener): what {@code vigie listen} runs on a
 * server. Built only when the whole file is valid.
 *
 * @param source      the file it was read from
 * @param groups      the shutdown groups this host answers to, in file order, no duplicates
 * @param trustedKeys the public keys whose commands it accepts, in file order
 * @param command     the argv run at the end of a countdown, without a shell; {@code command[0]} is absolute
 * @param dryRun      log and acknowledge, run nothing
 */
public record ListenerConfig(
        Path source,
        String site,
        String host,
        Path stateDir,
        MqttConfig mqtt,
        List<String> groups,
        List<TrustedKey> trustedKeys,
        List<String> command,
        boolean dryRun) {

    /** One trusted public key, with its file and its id (SPEC §5). */
    public record TrustedKey(Path file, String id, PublicKey key) {
    }

    /** The trusted keys by id, as the verifier wants them. */
    public Map<String, PublicKey> trusted() {
        Map<String, PublicKey> out = new LinkedHashMap<>();
        trustedKeys.forEach(k -> out.put(k.id(), k.key()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** {@code vigie/<site>/shutdown/<group>}. */
    public String commandTopic(String group) {
        return "vigie/" + site + "/shutdown/" + group;
    }

    /** {@code vigie/<site>/shutdown/<group>/ack/<host>}. */
    public String ackTopic(String group) {
        return commandTopic(group) + "/ack/" + host;
    }

    /** {@code vigie/<site>/listeners/<host>/status}: retained {@code online}, will {@code offline}. */
    public String statusTopic() {
        return "vigie/" + site + "/listeners/" + host + "/status";
    }
}
