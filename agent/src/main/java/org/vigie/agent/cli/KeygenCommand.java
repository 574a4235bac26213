package org.vigie.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.vigie.agent.mqtt.Errors;
import org.vigie.agent.shutdown.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigie keygen --out PREFIX}: an Ed25519 key pair for signing shutdown commands. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write an Ed25519 key pair: PREFIX.key (private, mode 0600) and PREFIX.pub.")
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "PREFIX",
            description = "Where to write: PREFIX.key and PREFIX.pub. Existing files are never overwritten.")
    Path out;

    @Override
    public Integer call() {
        KeyPair pair = Keys.generate();
        try {
            Keys.write(pair, out);
        } catch (IOException e) {
            System.err.println("vigie: keygen: " + Errors.describe(e));
            return Main.FAILURE;
        }
        System.out.println("wrote " + out + ".key (private, mode 0600: keep it on the agent) and " + out
                + ".pub (public: list it in each listener's trusted_keys)");
        System.out.println("key id " + Keys.id(pair.getPublic()));
        return Main.OK;
    }
}
