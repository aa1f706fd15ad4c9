#!/usr/bin/env python3
"""How much of a running program's executable is resident, per ELF section.

    Benchmarks/memory/resident.py PID [EXECUTABLE]

Reads /proc/PID/maps and /proc/PID/pagemap (whose present bits the process's owner may read)
and the executable's section headers (`readelf -SW`), and prints the resident kilobytes of each
section, largest first. EXECUTABLE defaults to /proc/PID/exe.

The kernel maps a file's pages 64 kB at a time around each one touched, so a section's resident
size says how spread out the code or data a run touches is, not how much of it there is. This
is how the function order (`scripts/order-functions`) was measured: 15-17.5 MB of `.text`
resident six seconds into a cold cycle of 2,000 feeds before it, 8.7-9.3 MB after (README,
"Performance").
"""
import os
import re
import struct
import subprocess
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pid = int(sys.argv[1])
    exe = sys.argv[2] if len(sys.argv) > 2 else os.readlink(f"/proc/{pid}/exe")
    sections = []
    for line in subprocess.run(["readelf", "-SW", exe], capture_output=True, text=True, check=True).stdout.splitlines():
        match = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if match and int(match.group(2), 16):
            sections.append((match.group(1), int(match.group(2), 16), int(match.group(3), 16)))
    name = os.path.realpath(exe)
    mappings = []
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and os.path.realpath(fields[5]) == name:
                start, end = (int(value, 16) for value in fields[0].split("-"))
                mappings.append((start, end, int(fields[2], 16)))
    if not mappings:
        sys.exit(f"resident.py: {exe} is not mapped by process {pid}")
    # Position-independent: the load address is where offset 0 of the file is mapped.
    base = min(start - offset for start, _, offset in mappings)
    resident = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end, _ in mappings:
            for page in range(start, end, 4096):
                pagemap.seek(page // 4096 * 8)
                (entry,) = struct.unpack("<Q", pagemap.read(8))
                if not entry >> 63 & 1:
                    continue
                address = page - base
                section = next((s for s, a, size in sections if a <= address < a + size), "(headers)")
                resident[section] = resident.get(section, 0) + 4
    for section, kilobytes in sorted(resident.items(), key=lambda item: -item[1]):
        print(f"{kilobytes:8d} kB  {section}")
    print(f"{sum(resident.values()):8d} kB  in all")


if __name__ == "__main__":
    main()
