"""Vendor a pinned reveal.js from the npm registry into ``src/cilib/classroom/vendor/reveal``.

Run by a developer when the pin changes, never at run time: the slides inline these files, so
they work offline. The tarball is checked against the registry's published SHA-512 integrity
before anything is written; ``SOURCE.toml`` records the version, the tarball, its integrity
and the SHA-256 of each file kept (``tests/classroom`` checks them).

Usage: python scripts/vendor_reveal.py
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.6.1"  # the reveal.js 4 API of nbconvert's reveal template
TARBALL = f"https://registry.npmjs.org/reveal.js/-/reveal.js-{VERSION}.tgz"
INTEGRITY = "sha512-1CW0auaXNPmwmvQ7TwpszwVxMi2Xr5cTS3J3EBC/HHgbPF32Dn7aiu/LKWDOGjMbaDwKQiGmfqcoGQ74HUHCMw=="
#: file in the package -> name kept
KEEP = {
    "package/dist/reveal.js": "reveal.js",
    "package/dist/reveal.css": "reveal.css",
    "package/dist/theme/white.css": "white.css",
    "package/LICENSE": "LICENSE",
}
OUT = Path(__file__).resolve().parents[1] / "src" / "cilib" / "classroom" / "vendor" / "reveal"


def main() -> int:
    with urllib.request.urlopen(TARBALL, timeout=60) as r:  # noqa: S310 - a pinned https URL
        blob = r.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(blob).digest()).decode()
    if digest != INTEGRITY:
        print(f"vendor_reveal: integrity mismatch for {TARBALL}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Written by scripts/vendor_reveal.py; do not edit by hand.",
        'name = "reveal.js"',
        f'version = "{VERSION}"',
        'license = "MIT"',
        f'tarball = "{TARBALL}"',
        f'integrity = "{INTEGRITY}"',
        "",
        "[sha256]",
    ]
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member, name in KEEP.items():
            data = tar.extractfile(member).read()
            (OUT / name).write_bytes(data)
            lines.append(f'"{name}" = "{hashlib.sha256(data).hexdigest()}"')
    (OUT / "SOURCE.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"reveal.js {VERSION} vendored in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
