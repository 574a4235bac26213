#!/usr/bin/python3
"""A real SMTP server for vigie's e-mail tests: aiosmtpd (Debian's python3-aiosmtpd).

  smtp_server.py --port P --dir D [--mode plain|starttls|tls] [--cert C --key K] [--user U --password W]

Each message received is written to D/N.eml, preceded by "X-Envelope-From:" and
"X-Envelope-To:" lines. With --user, AUTH is required (and, with starttls, only after it).
Prints "ready" once listening.
"""
import argparse
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--mode", default="plain", choices=["plain", "starttls", "tls"])
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
args = parser.parse_args()


class Store:
    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            name = os.path.join(args.dir, "%04d.eml" % self.n)
        tmp = name + ".tmp"
        with open(tmp, "wb") as f:
            f.write(("X-Envelope-From: %s\r\n" % envelope.mail_from).encode())
            f.write(("X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content)
        os.rename(tmp, name)
        return "250 OK stored"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
          and auth_data.password.decode() == args.password)
    return AuthResult(success=ok, handled=False)


kwargs = {}
context = None
if args.mode != "plain":
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
if args.mode == "starttls":
    kwargs.update(tls_context=context, require_starttls=True)
if args.user:
    kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=args.mode == "starttls")  # implicit TLS: all of it is TLS
else:
    kwargs.update(auth_require_tls=False)

controller = Controller(Store(), hostname="127.0.0.1", port=args.port,
                        ssl_context=context if args.mode == "tls" else None,
                        server_hostname="127.0.0.1", **kwargs)
controller.start()
print("ready", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
