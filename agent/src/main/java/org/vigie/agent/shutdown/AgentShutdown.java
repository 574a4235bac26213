package org.vigie.agent.shutdown;

import java.io.IOException;
import java.security.KeyPair;
import org.vigie.agent.config.AgentConfig;
import org.vigie.agent.run.Agent;

/** Attaches the shutdown coordinator to an agent whose configuration has a {@code shutdown:} section. */
public final class AgentShutdown {
    private AgentShutdown() {
    }

    /** Call before {@link Agent#start()}. Does nothing without a {@code shutdown:} section. */
    public static void attach(Agent agent) throws IOException {
        AgentConfig cfg = agent.config();
        if (cfg.shutdown() == null) {
            return;
        }
        KeyPair keys = Keys.readPair(cfg.shutdown().key());
        CommandSeq seq = new CommandSeq(cfg.stateDir());
        String site = cfg.site();
        ShutdownCoordinator coordinator = new ShutdownCoordinator(site, cfg.agent(), cfg.shutdown(), keys, seq,
                agent.alarms(), new ShutdownCoordinator.Outbox() {
                    @Override
                    public void command(String group, byte[] envelope) {
                        agent.link().publish("vigie/" + site + "/shutdown/" + group, envelope);
                    }

                    @Override
                    public void progress(String policy, byte[] payload) {
                        agent.link().publishRetained(cfg.root() + "/shutdown/" + policy, payload);
                    }

                    @Override
                    public void event(com.fasterxml.jackson.databind.node.ObjectNode event) {
                        agent.event(event);
                    }
                });
        agent.onTransition(t -> coordinator.evaluate(agent.now()));
        agent.onTick(coordinator::evaluate);
        agent.link().subscribe(ShutdownCoordinator.ackFilter(site),
                (topic, payload) -> agent.submit(() -> coordinator.acknowledgement(topic, payload, agent.now())));
    }
}
