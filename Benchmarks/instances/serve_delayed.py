#!/usr/bin/env python3
"""Feeds on many loopback hosts, each answer delayed as on the internet.

    serve_delayed.py PORT HOSTS FEEDS_PER_HOST LOG [MIN_MS MAX_MS]

Listens on 127.0.0.1 .. 127.0.0.HOSTS, port PORT; /fN.xml is an RSS feed of 20 items, a third
of them wire stories that many feeds carry. Each answer waits a delay drawn from MIN_MS..MAX_MS
(default 100..300), seeded by the path, so every run sees the same delays. Each request is
appended to LOG as "monotonic-seconds host path user-agent".
"""
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, hosts, per_host, log_path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
low, high = (int(sys.argv[5]), int(sys.argv[6])) if len(sys.argv) > 6 else (100, 300)
log = open(log_path, "a", buffering=1)
lock = threading.Lock()


def feed(host, index):
    items = []
    for item in range(20):
        if item % 3 == 0:
            story = (index * 7 + item) % 500
            title, text, guid = f"Wire story {story}", f"Envoys met again in round {story} of the talks.", f"w{story}"
        else:
            title, text, guid = f"Story {host}-{index}-{item}", f"Local report {item} from host {host}, feed {index}.", f"l{item}"
        items.append(f"<item><title>{title}</title><link>https://h{host}.example/{index}/{guid}</link>"
                     f"<guid isPermaLink=\"false\">{guid}</guid><pubDate>Sat, 21 Nov 2026 08:15:00 +0000</pubDate>"
                     f"<description>{text}</description></item>")
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
            f"<title>Host {host} feed {index}</title><link>https://h{host}.example/</link><description>d</description>"
            + "".join(items) + "</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        host = int(self.server.server_address[0].split(".")[-1])
        try:
            index = int(self.path[2:-4])
        except ValueError:
            index = -1
        if not self.path.startswith("/f") or not 0 <= index < per_host:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        time.sleep(random.Random(f"{host}{self.path}").uniform(low, high) / 1000)
        body = feed(host, index)
        with lock:
            log.write(f"{time.monotonic():.3f} 127.0.0.{host} {self.path} {self.headers.get('User-Agent', '-')}\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


servers = [ThreadingHTTPServer((f"127.0.0.{host}", port), Handler) for host in range(1, hosts + 1)]
for server in servers:
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
