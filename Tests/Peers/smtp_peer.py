#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) on 127.0.0.1 for FeedWatch's tests.

Prints the port it listens on, then records every accepted message as OUT/<n>.json (envelope,
content, whether TLS was on, who logged in). Exits when its standard input closes, so it never
outlives the test that started it.

  smtp_peer.py OUT [--starttls CERT KEY] [--implicit-tls CERT KEY] [--login USER:PASSWORD]
               [--refuse-first N]
"""
import argparse
import asyncio
import json
import os
import ssl
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, out, refuse_first):
        self.out = out
        self.refuse_left = refuse_first
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_left > 0:
            self.refuse_left -= 1
            return "451 4.3.0 mailbox busy, try again later"
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "content": envelope.original_content.decode("utf-8", "replace"),
            "tls": session.ssl is not None,
            "login": session.auth_data if session.authenticated else None,
        }
        path = os.path.join(self.out, "%04d.json" % self.count)
        with open(path + ".tmp", "w") as file:
            json.dump(record, file)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 accepted"


def tls_context(cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def serve(arguments):
    recorder = Recorder(arguments.out, arguments.refuse_first)
    starttls = tls_context(*arguments.starttls) if arguments.starttls else None
    implicit = tls_context(*arguments.implicit_tls) if arguments.implicit_tls else None
    user, password = (arguments.login.split(":", 1) + [""])[:2] if arguments.login else (None, None)

    def authenticator(server, session, envelope, mechanism, auth_data):
        accepted = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                    and auth_data.password.decode() == password)
        return AuthResult(success=accepted, handled=False, auth_data=user if accepted else None)

    def protocol():
        return SMTP(recorder, hostname="localhost", tls_context=starttls, require_starttls=starttls is not None,
                    authenticator=authenticator if user else None, auth_required=user is not None,
                    auth_require_tls=starttls is not None or implicit is not None)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(protocol, host="127.0.0.1", port=0, ssl=implicit)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--login")
    parser.add_argument("--refuse-first", type=int, default=0)
    arguments = parser.parse_args()
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    asyncio.run(serve(arguments))


if __name__ == "__main__":
    main()
