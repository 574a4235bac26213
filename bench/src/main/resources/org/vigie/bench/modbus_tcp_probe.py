"""Modbus TCP devices for bench/ModbusTcpBench, on Debian's pymodbus (run it with /usr/bin/python3).

    modbus_tcp_probe.py SERVED_LOG PORT [PORT ...]

One device per PORT on 127.0.0.1 (all in this one process), each answering as any unit id with
512 input registers, all 0 at start. Reads stdin, one command a line, and answers "ok" (or
"error ...") on stdout:

    reg ADDR VALUE    set input register ADDR (0-based) of the first device to VALUE (16 bits)

Every reply of the first device is noted in SERVED_LOG as "MONOTONIC_NS FIRST_REGISTER", the
time the request was handled (CLOCK_MONOTONIC, the clock of Java's System.nanoTime on Linux).
"""
import asyncio
import logging
import sys
import threading
import time

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.server.async_io import ModbusTcpServer

SERVED = open(sys.argv[1], "a", buffering=1)


def on_reply(response):
    registers = getattr(response, "registers", None) or [-1]
    SERVED.write("%d %d\n" % (time.monotonic_ns(), registers[0]))
    return response, False


def store():
    return ModbusSlaveContext(di=ModbusSequentialDataBlock(0, [0] * 16),
                              co=ModbusSequentialDataBlock(0, [0] * 16),
                              hr=ModbusSequentialDataBlock(0, [0] * 16),
                              ir=ModbusSequentialDataBlock(0, [0] * 0x200), zero_mode=True)


def commands(first, loop):
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "reg" and len(words) == 3:
            address, value = int(words[1]), int(words[2])
            done = threading.Event()

            def apply():
                first.setValues(4, address, [value & 0xFFFF])
                done.set()

            loop.call_soon_threadsafe(apply)
            done.wait(5)
            print("ok" if done.is_set() else "error: not applied within 5 s", flush=True)
        else:
            print("error: unknown command " + line.strip(), flush=True)
    loop.call_soon_threadsafe(loop.stop)


def main():
    logging.basicConfig(level=logging.CRITICAL)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    first = None
    for i, port in enumerate(sys.argv[2:]):
        s = store()
        first = first or s
        server = ModbusTcpServer(ModbusServerContext(slaves=s, single=True),
                                 address=("127.0.0.1", int(port)), allow_reuse_address=True,
                                 response_manipulator=on_reply if i == 0 else None)
        loop.create_task(server.serve_forever())
        loop.run_until_complete(server.serving)
    threading.Thread(target=commands, args=(first, loop), daemon=True).start()
    print("ready", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
