package org.vigie.sensors.modbus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Modbus RTU device: Debian's pymodbus running {@code serial/modbus_device.py} on a pty,
 * driven through its stdin (see the script for the commands).
 */
final class PymodbusDevice implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    /** Skips the calling test when Debian's pymodbus (and its serial transport) is not installed. */
    static void assumeAvailable() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed: Modbus ITs skipped");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c",
                "import pymodbus.server.async_io, serial_asyncio").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor() == 0, "python3-pymodbus / python3-serial-asyncio are not installed for"
                + " /usr/bin/python3: Modbus ITs skipped");
    }

    PymodbusDevice(Path port, Path log) throws IOException {
        this("/serial/modbus_device.py", port.toString(), log);
    }

    /** A Modbus TCP device or gateway ({@code modbus/modbus_tcp_device.py}) on 127.0.0.1:{@code port}. */
    static PymodbusDevice tcp(int port, Path log) throws IOException {
        return new PymodbusDevice("/modbus/modbus_tcp_device.py", Integer.toString(port), log);
    }

    private PymodbusDevice(String resource, String argument, Path log) throws IOException {
        Path script;
        try {
            script = Path.of(PymodbusDevice.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(resource + ": " + e.getMessage(), e);
        }
        process = new ProcessBuilder(PYTHON.toString(), script.toString(), argument)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        expect("ready");
    }

    /** Sends one command and waits for its {@code ok}. */
    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        expect("ok");
    }

    private void expect(String word) throws IOException {
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return "error " + e.getMessage();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException("modbus_device.py: no " + word + ": " + e, e);
        }
        if (!word.equals(line)) {
            throw new IOException("modbus_device.py: expected " + word + ", got " + line);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        try {
            in.close();
        } catch (IOException e) {
            process.destroy(); // its stdin is already gone: it died, or is dying with its pty
        }
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(3, TimeUnit.SECONDS);
        }
    }
}
