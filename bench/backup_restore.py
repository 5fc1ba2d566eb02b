"""Backup and restore, end to end, with the Makefile's own `make backup` and `make restore`.

On the local PostgreSQL: builds a source database (demo plan, a closed cycle, an issued
pack, an evidence file), backs it up, restores into a new empty database and media
folder, then compares row counts and the issued pack's SHA-256. Exits non-zero on any
difference.

    .venv/bin/python bench/backup_restore.py   [PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres]
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BASE = ADMIN.rsplit("/", 1)[0]
SOURCE, TARGET = "tracker_backup_source", "tracker_backup_restored"
PYTHON = str(ROOT / ".venv" / "bin" / "python")

PREPARE = """
import io, datetime
from django.core.management import call_command
from django.core.files.uploadedfile import SimpleUploadedFile
from django.contrib.auth import get_user_model
from improvement.models import ImprovementPlan
from improvement.cycles import close_cycle
from improvement.pack.services import issue_pack
from actions.services import submit_evidence
call_command("load_demo", password="backup-demo-pass", stdout=io.StringIO())
pmo = get_user_model().objects.get(username="pmo")
plan = ImprovementPlan.objects.get(organisation__name__icontains="Southend")
submit_evidence(action=plan.actions.get(number="6.15"), by=pmo, description="Register",
                upload=SimpleUploadedFile("register.pdf", b"%PDF-1.4 backup test"))
cycle = plan.cycles.open().get()
close_cycle(cycle=cycle, by=pmo, early=True)
print(issue_pack(cycle=cycle, by=pmo).sha256)
"""

REPORT = """
from django.apps import apps
from improvement.models import IssuedPack
from improvement.pack.services import read_issued
import hashlib
for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
    if model._meta.app_label in {"improvement", "actions", "risks", "finance", "auth"}:
        print(model._meta.label, model.objects.count())
pack = IssuedPack.objects.get()
print("pack", hashlib.sha256(read_issued(pack)).hexdigest())
"""


def run(*args, env=None, capture=True) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def django(code: str, env) -> str:
    return run(PYTHON, "manage.py", "shell", "-c", code, env=env)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="tracker-backup-"))
    for name in (SOURCE, TARGET):
        run("psql", ADMIN, "-q", "-c", f"DROP DATABASE IF EXISTS {name}")
        run("psql", ADMIN, "-q", "-c", f"CREATE DATABASE {name}")
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "improvement.settings.base",
        "DJANGO_DEBUG": "1",
    }
    source = {
        **base_env,
        "DATABASE_URL": f"{BASE}/{SOURCE}",
        "DJANGO_MEDIA_ROOT": str(work / "media-source"),
    }
    target = {
        **base_env,
        "DATABASE_URL": f"{BASE}/{TARGET}",
        "DJANGO_MEDIA_ROOT": str(work / "media-restored"),
    }
    run(PYTHON, "manage.py", "migrate", "-v0", env=source)
    issued_sha = django(PREPARE, source).strip().splitlines()[-1]
    before = django(REPORT, source)
    run(
        "make", "--no-print-directory", "backup", env={**source, "BACKUP_DIR": str(work / "backup")}
    )
    run(
        "make",
        "--no-print-directory",
        "restore",
        env={**target, "BACKUP_DIR": str(work / "backup")},
    )
    after = django(REPORT, target)
    dump = work / "backup" / "database.dump"
    print(
        f"backup: {dump.stat().st_size / 1024:.0f} KiB database, "
        f"{(work / 'backup' / 'media.tgz').stat().st_size / 1024:.0f} KiB media"
    )
    print(f"issued pack sha256 at issue: {issued_sha}")
    print(f"after restore:               {after.strip().splitlines()[-1].split()[-1]}")
    if before != after:
        sys.exit(f"Counts differ after restore:\n--- before\n{before}\n--- after\n{after}")
    if issued_sha not in after:
        sys.exit("The restored pack does not match the issued checksum.")
    print(f"OK: {len(before.splitlines()) - 1} tables' counts and the issued pack match.")


if __name__ == "__main__":
    main()
