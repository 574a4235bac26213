"""A Modbus RTU probe for bench/ModbusLatency, on Debian's pymodbus (run it with /usr/bin/python3).

    modbus_probe.py PORT SERVED_LOG WIRE_BAUD [UNITS]

Units 1..UNITS (default 1), each with input registers 0..15, all 0 at start. Reads stdin, one command a line, and answers
"ok" (or "error ...") on stdout:

    reg ADDR VALUE    set input register ADDR (0-based) of unit 1 to VALUE (taken as 16 bits)

Every reply is noted in SERVED_LOG as "MONOTONIC_NS FIRST_REGISTER UNIT REPLY_NS", the time the
request was handled (CLOCK_MONOTONIC, the clock of Java's System.nanoTime on Linux), the first
value served, the unit, and how long the reply is held for the wire. With WIRE_BAUD > 0 the reply waits as long as request and reply would take on a real
8N1 line at that rate (a pty has none); 0 answers at once.
"""
import asyncio
import logging
import sys
import threading
import time

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server.async_io import ModbusSerialServer

SERVED = open(sys.argv[2], "a", buffering=1)
WIRE_BAUD = int(sys.argv[3])
UNITS = int(sys.argv[4]) if len(sys.argv) > 4 else 1
REQUEST_BYTES = 8  # unit, function, address, count, CRC


def on_reply(response):
    now = time.monotonic_ns()
    registers = getattr(response, "registers", None) or [-1]
    wire = 0.0
    if WIRE_BAUD > 0:
        reply_bytes = 5 + 2 * len(registers)  # unit, function, byte count, data, CRC
        wire = (REQUEST_BYTES + reply_bytes) * 10.0 / WIRE_BAUD
    SERVED.write("%d %d %d %d\n" % (now, registers[0], getattr(response, "unit_id", 0), int(wire * 1e9)))
    if wire:
        time.sleep(wire)
    return response, False


def commands(store, loop):  # store: unit 1's
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "reg" and len(words) == 3:
            address, value = int(words[1]), int(words[2])
            done = threading.Event()

            def apply():
                store.setValues(4, address, [value & 0xFFFF])
                done.set()

            loop.call_soon_threadsafe(apply)
            done.wait(5)
            print("ok" if done.is_set() else "error: not applied within 5 s", flush=True)
        else:
            print("error: unknown command " + line.strip(), flush=True)
    loop.call_soon_threadsafe(loop.stop)


def main():
    logging.basicConfig(level=logging.CRITICAL)
    stores = {unit: ModbusSlaveContext(di=ModbusSequentialDataBlock(0, [0] * 16),
                                       co=ModbusSequentialDataBlock(0, [0] * 16),
                                       hr=ModbusSequentialDataBlock(0, [0] * 16),
                                       ir=ModbusSequentialDataBlock(0, [0] * 16), zero_mode=True)
              for unit in range(1, UNITS + 1)}
    store = stores[1]
    context = ModbusServerContext(slaves=stores, single=False)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = ModbusSerialServer(context, framer=ModbusRtuFramer, port=sys.argv[1], baudrate=9600,
                                response_manipulator=on_reply)
    loop.run_until_complete(server.start())
    threading.Thread(target=commands, args=(store, loop), daemon=True).start()
    print("ready", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
