"""Listens on an AF_UNIX datagram socket as systemd does for NOTIFY_SOCKET and prints every message it
receives, one per line, as: <seconds since start> <message with newlines as |>.
Usage: python3 notify_listener.py SOCKET_PATH
"""
import os
import socket
import sys
import time

path = sys.argv[1]
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
print("listening", flush=True)
t0 = time.monotonic()
while True:
    data = s.recv(65536)
    print("%.3f %s" % (time.monotonic() - t0, data.decode("utf-8", "replace").replace("\n", "|")), flush=True)
