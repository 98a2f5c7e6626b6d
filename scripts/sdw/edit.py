"""`sdw edit`: the web editor on this machine, saving straight into content/.

Decap CMS (the editor at /admin/) talks to a backend that reads and writes the repository.
Published, that is GitHub (an author's save opens a pull request). Here it is decap-server, Decap's
own local backend, run with Node.js in its file mode: it writes the file an author saves into
content/ of this project, where the preview (`sdw serve`) picks it up. Node.js and npm are needed
for this mode only, never to build the site.

decap-server is installed from npm at the version pinned in scripts/edit/package-lock.json
(`npm ci`, integrity-checked), into .build/edit/ next to scripts/, once per lock file. It listens on
127.0.0.1 only, answers cross-origin requests from 127.0.0.1 and localhost pages only (its default),
and refuses paths outside the project.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "edit"  # scripts/edit: package.json + lock
INSTALL_DIR = PACKAGE.parent.parent / ".build" / "edit"
SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
STAMP = ".sdw-lock-sha256"
INSTALL_TIMEOUT = 600
START_TIMEOUT = 30.0
HOST = "127.0.0.1"


class EditError(Exception):
    """Why the local editor cannot start, in Dutch, with what to do."""


def _lock_digest() -> str:
    return hashlib.sha256((PACKAGE / "package-lock.json").read_bytes()).hexdigest()


def _tail(text: str, lines: int = 3) -> str:
    return " ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def install(target: Path | None = None) -> Path:
    """decap-server in `target` (default .build/edit/; npm ci from the pinned lock file; nothing to
    do when that lock file's install is there)."""
    target = target or INSTALL_DIR
    digest = _lock_digest()
    stamp = target / STAMP
    if (target / SERVER).is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return target
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise EditError("Voor `sdw edit` zijn Node.js en npm nodig (alleen hiervoor; de site bouwen kan zonder). "
                        "Installeer Node.js 20 of nieuwer, bijvoorbeeld met `apt-get install -y nodejs npm`, "
                        "en probeer het opnieuw.")
    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PACKAGE / name, target / name)
    try:
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev"],
                              cwd=target, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise EditError(f"npm kon decap-server niet binnen {INSTALL_TIMEOUT // 60} minuten installeren. "
                        "Controleer de internetverbinding en probeer het opnieuw.") from None
    if done.returncode != 0 or not (target / SERVER).is_file():
        raise EditError("npm kon decap-server niet installeren (is npmjs.org bereikbaar?): "
                        f"{_tail(done.stderr or done.stdout)}")
    stamp.write_text(digest + "\n")
    return target


def _die_with_parent() -> None:
    """In the child, before node starts (Linux): end decap-server when `sdw edit` ends, however it
    ends (a kill leaves no chance to stop it), so no server keeps writing into content/."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class LocalBackend:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        """The address Decap CMS is given (config.yml `local_backend.url`)."""
        return f"http://{HOST}:{self.port}/api/v1"

    @classmethod
    def start(cls, project_root: Path, port: int = 0, installed: Path | None = None) -> LocalBackend:
        """decap-server for `project_root` on 127.0.0.1:`port` (0: a free one), once it accepts connections."""
        folder = install() if installed is None else installed
        port = port or free_port()
        env = {**os.environ, "PORT": str(port), "BIND_HOST": HOST, "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(project_root.resolve()), "LOG_LEVEL": "warn"}
        log = folder / "server.log"  # a file, not a pipe nobody reads (a full pipe would stall the server)
        with open(log, "w", encoding="utf-8") as out:
            process = subprocess.Popen([shutil.which("node") or "node", str(folder / SERVER)], cwd=folder, env=env,
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                       preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                said = _tail(log.read_text(encoding="utf-8", errors="replace"))
                raise EditError(f"decap-server stopte meteen (poort {port} bezet?): {said}")
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    return cls(process, port)
            except OSError:
                time.sleep(0.1)
        process.kill()
        raise EditError(f"decap-server antwoordde niet binnen {START_TIMEOUT:.0f} s op poort {port}.")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
