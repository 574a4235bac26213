package org.vigie.sensors.serial;

import java.io.IOException;

/** Opens OS serial ports: jSerialComm in production, in-memory fakes in tests. */
interface PortDriver {

    /**
     * Opens {@code device} (a real path, symlinks already resolved).
     *
     * @param onDisconnect called, from any thread and possibly more than once, when the OS reports
     *                     the port gone
     */
    OpenPort open(String device, LineSettings line, Runnable onDisconnect) throws IOException;
}
