#!/usr/bin/python3
"""A GSM modem on the device side of a socat pty pair, for vigie's tests.

Speaks the AT dialogue vigie uses: AT, ATE0/ATE1, AT+CPIN? / AT+CPIN="PIN", AT+CMGF=1,
AT+CSQ, AT+CREG?, AT+CMGS="NUMBER" then the text ended by Ctrl-Z.

  emulator.py --port DIR/peer --control control.json --log modem.log

control.json is read again at every command, so a test changes the modem while it runs:
  {"pin": "1234" | null,      SIM PIN required (null: none)
   "registered": true,        +CREG: 0,1 (true) or 0,2 searching (false)
   "cms_errors": 0,           the first N AT+CMGS texts fail with +CMS ERROR: 500
   "mute": false}             answer nothing (a hung modem)
the log gets one line per event, TIME<tab>EVENT<tab>TO<tab>TEXT (TIME in seconds since the
epoch): cmgs when AT+CMGS arrives, sms when a text is "sent", cms_error when one is refused,
open and closed for the port. When socat goes away (an unplug) the
emulator waits for the path to come back and opens it again.
"""
import argparse
import errno
import json
import os
import re
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", required=True)
parser.add_argument("--control", required=True)
parser.add_argument("--log", required=True)
args = parser.parse_args()


def control():
    try:
        with open(args.control) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def log(event, to="", text=""):
    line = "%.6f\t%s\t%s\t%s\n" % (time.time(), event, to, text.replace("\t", " ").replace("\n", " "))
    with open(args.log, "a") as f:
        f.write(line)


class Modem:
    def __init__(self, fd):
        self.fd = fd
        self.echo = True
        self.pin_ok = False
        self.cms_failed = 0
        self.ref = 0
        self.sms_to = None
        self.buf = b""

    def write(self, data):
        os.write(self.fd, data)

    def answer(self, *lines):
        for line in lines:
            self.write(b"\r\n" + line.encode("latin-1") + b"\r\n")

    def feed(self, data):
        if self.echo and self.sms_to is None:
            self.write(data)
        self.buf += data
        while True:
            if self.sms_to is not None:
                end = self.buf.find(b"\x1a")
                if end < 0:
                    return
                text, self.buf = self.buf[:end], self.buf[end + 1:]
                self.sms(text.decode("latin-1"))
                continue
            end = self.buf.find(b"\r")
            if end < 0:
                return
            line, self.buf = self.buf[:end].strip(), self.buf[end + 1:]
            if line:
                self.command(line.decode("latin-1"))

    def command(self, cmd):
        c = control()
        if c.get("mute"):
            return
        pin = c.get("pin")
        locked = pin is not None and not self.pin_ok
        upper = cmd.upper()
        if upper == "AT":
            self.answer("OK")
        elif upper in ("ATE0", "ATE1"):
            self.echo = upper == "ATE1"
            self.answer("OK")
        elif upper == "AT+CPIN?":
            self.answer("+CPIN: SIM PIN" if locked else "+CPIN: READY", "OK")
        elif upper.startswith("AT+CPIN="):
            given = cmd[8:].strip('"')
            if pin is not None and given == pin:
                self.pin_ok = True
                self.answer("OK")
            else:
                self.answer("+CME ERROR: 16")
        elif locked:
            self.answer("+CME ERROR: 11")
        elif upper == "AT+CMGF=1":
            self.answer("OK")
        elif upper == "AT+CSQ":
            self.answer("+CSQ: 20,0" if c.get("registered", True) else "+CSQ: 99,99", "OK")
        elif upper == "AT+CREG?":
            self.answer("+CREG: 0,1" if c.get("registered", True) else "+CREG: 0,2", "OK")
        elif upper.startswith("AT+CMGS="):
            m = re.match(r'AT\+CMGS="([^"]+)"', cmd, re.I)
            if not m:
                self.answer("ERROR")
                return
            self.sms_to = m.group(1)
            log("cmgs", self.sms_to)
            self.write(b"\r\n> ")
        else:
            self.answer("ERROR")

    def sms(self, text):
        to, self.sms_to = self.sms_to, None
        if self.cms_failed < control().get("cms_errors", 0):
            self.cms_failed += 1
            log("cms_error", to, text)
            self.answer("+CMS ERROR: 500")
            return
        self.ref += 1
        log("sms", to, text)
        self.answer("+CMGS: %d" % self.ref, "OK")


def serve():
    pin_ok = False
    while True:
        while not os.path.exists(args.port):
            time.sleep(0.02)
        try:
            fd = os.open(args.port, os.O_RDWR | os.O_NOCTTY)
        except OSError:
            time.sleep(0.05)
            continue
        log("open")
        modem = Modem(fd)
        modem.pin_ok = pin_ok  # a pty that comes back is the same modem, powered all along
        try:
            while True:
                data = os.read(fd, 256)
                if not data:
                    break
                modem.feed(data)
        except OSError as e:
            if e.errno not in (errno.EIO, errno.EBADF):
                raise
        finally:
            pin_ok = modem.pin_ok
            os.close(fd)
        log("closed")
        time.sleep(0.05)


serve()
