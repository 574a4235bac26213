"""A real Modbus RTU device for vigie's integration tests, on Debian's pymodbus 3.0.

Run with /usr/bin/python3 (Debian's pymodbus belongs to the system interpreter):

    modbus_device.py PORT

Serves units 1 to 8 on one bus, each with 512 input registers: the tests use unit 1 as an
SDM120-like meter (float32, high word first) and unit 2 as an XY-MD02-like probe (input
registers 1 and 2, x0.1).
Commands on stdin, one a line, each answered "ok" (or "error ...") on stdout:

    float UNIT ADDR VALUE     set an input register pair to a float32 (high word first)
    reg UNIT ADDR VALUE       set one input register (int16 or uint16)
    mode normal|crc|garble|silent|wrong-unit   how the next replies go out
    wire BAUD                 answer only after the request and reply would have crossed a
                              real line at BAUD (8N1); 0: at once (a pty has no baud rate)
"""
import asyncio
import logging
import struct
import sys
import threading
import time

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server.async_io import ModbusSerialServer
from pymodbus.utilities import computeCRC

MODE = {"value": "normal", "wire": 0}


def block(size):
    return ModbusSequentialDataBlock(0, [0] * size)


def unit_context():
    return ModbusSlaveContext(di=block(16), co=block(16), hr=block(16), ir=block(0x200),
                              zero_mode=True)


def manipulate(response):
    """Builds the reply frame ourselves so that a test can break it on purpose."""
    mode = MODE["value"]
    unit = response.unit_id
    if mode == "silent":
        response.should_respond = False
        return response, False
    if mode == "wrong-unit":
        unit = (unit % 247) + 1
    frame = struct.pack(">BB", unit, response.function_code) + response.encode()
    frame += struct.pack(">H", computeCRC(frame))
    if MODE["wire"]:
        time.sleep((8 + len(frame)) * 10 / MODE["wire"])
    if mode == "crc":
        frame = frame[:-1] + bytes([frame[-1] ^ 0x5A])
    elif mode == "garble":
        frame = bytes([frame[0], frame[1], 0xFF]) + b"\x13\x37\x00"
    return frame, True


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
            elif parts[0] == "wire":
                MODE["wire"] = int(parts[1])
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
    server = ModbusSerialServer(context, framer=ModbusRtuFramer, port=sys.argv[1],
                                baudrate=9600, ignore_missing_slaves=True,
                                response_manipulator=manipulate)
    loop.run_until_complete(server.start())
    threading.Thread(target=commands, args=(context, loop), daemon=True).start()
    print("ready", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
