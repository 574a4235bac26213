"""A real Modbus TCP device (or gateway) for vigie's integration tests, on Debian's pymodbus 3.0.

Run with /usr/bin/python3 (Debian's pymodbus belongs to the system interpreter):

    modbus_tcp_device.py PORT

Listens on 127.0.0.1:PORT and serves units 1 to 8, each with 512 input registers, as a gateway
in front of an RS-485 bus would: the tests use unit 1 as an SDM120-like meter (float32, high word
first) and unit 2 as an XY-MD02-like probe (input registers 1 and 2, x0.1).
Commands on stdin, one a line, each answered "ok" (or "error ...") on stdout:

    float UNIT ADDR VALUE     set an input register pair to a float32 (high word first)
    reg UNIT ADDR VALUE       set one input register (int16 or uint16)
    mode MODE                 how the next replies go out:
        normal      as pymodbus builds them
        garble      a header with another protocol id
        short       the header and half the rest, then nothing
        exception   exception 2 (illegal data address)
        silent      no reply at all
        stale       first a copy with the previous transaction id, then the right reply
"""
import asyncio
import logging
import struct
import sys
import threading

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.server.async_io import ModbusTcpServer

MODE = {"value": "normal"}


def block(size):
    return ModbusSequentialDataBlock(0, [0] * size)


def unit_context():
    return ModbusSlaveContext(di=block(16), co=block(16), hr=block(16), ir=block(0x200),
                              zero_mode=True)


def frame(tid, unit, pdu):
    return struct.pack(">HHHB", tid, 0, len(pdu) + 1, unit) + pdu


def manipulate(response):
    """Builds the reply frame ourselves so that a test can break it on purpose."""
    mode = MODE["value"]
    tid, unit, fc = response.transaction_id, response.unit_id, response.function_code
    if mode == "silent":
        response.should_respond = False
        return response, False
    pdu = bytes([fc]) + response.encode()
    if mode == "exception":
        return frame(tid, unit, bytes([fc | 0x80, 2])), True
    whole = frame(tid, unit, pdu)
    if mode == "garble":
        return whole[:2] + b"\x13\x37" + whole[4:], True
    if mode == "short":
        return whole[:7 + (len(whole) - 7) // 2], True
    if mode == "stale":
        return frame((tid - 1) & 0xFFFF, unit, pdu) + whole, True
    return whole, True


def commands(context, loop):
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "float":
                unit, addr, value = int(parts[1]), int(parts[2], 0), float(parts[3])
                words = list(struct.unpack(">HH", struct.pack(">f", value)))
                loop.call_soon_threadsafe(context[unit].setValues, 4, addr, words)
            elif parts[0] == "reg":
                unit, addr, value = int(parts[1]), int(parts[2], 0), int(parts[3])
                loop.call_soon_threadsafe(context[unit].setValues, 4, addr, [value & 0xFFFF])
            elif parts[0] == "mode":
                MODE["value"] = parts[1]
            else:
                raise ValueError("unknown command " + parts[0])
            print("ok", flush=True)
        except (ValueError, IndexError, KeyError) as exc:
            print("error", exc, flush=True)
    loop.call_soon_threadsafe(loop.stop)


def main():
    logging.basicConfig(level=logging.CRITICAL)
    context = ModbusServerContext(slaves={u: unit_context() for u in range(1, 9)}, single=False)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = ModbusTcpServer(context, address=("127.0.0.1", int(sys.argv[1])), allow_reuse_address=True,
                             ignore_missing_slaves=True, response_manipulator=manipulate)
    loop.create_task(server.serve_forever())
    loop.run_until_complete(server.serving)
    threading.Thread(target=commands, args=(context, loop), daemon=True).start()
    print("ready", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
