package org.vigie.sensors;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What a driver may use from the agent that runs it.
 *
 * @param clock    the time source (tests and the demo move it)
 * @param stateDir the agent's {@code state_dir}
 */
public record SensorContext(Clock clock, Path stateDir) {
}
