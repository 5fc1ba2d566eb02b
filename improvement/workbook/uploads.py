"""Keeping an uploaded workbook between its preview and its commit.

The file goes to default_storage under a random, unguessable name inside a folder for
the plan and the user (workbook-imports/<plan>/<user>/<token>.xlsx); the session holds
the token, the original filename and the file's SHA-256. The commit reads the file back
only through the session of the same user, for the same plan, and refuses it if its
checksum differs, so what is committed is exactly what was previewed, without asking the
PMO to choose the file twice. One pending import per user and plan: a new upload, the
commit and a cancel each delete the stored file(s).
"""

import hashlib
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .safety import WorkbookRefused

FOLDER = "workbook-imports"


@dataclass(frozen=True)
class PendingImport:
    plan_id: int
    user_id: int
    token: str
    filename: str
    sha256: str
    create_officers: bool

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.plan_id}/{self.user_id}/{self.token}.xlsx"


def _session_key(plan_id: int) -> str:
    return f"workbook-import-{plan_id}"


def stash(request, *, plan, data: bytes, filename: str, create_officers: bool) -> PendingImport:
    discard(request, plan)
    pending = PendingImport(
        plan_id=plan.pk,
        user_id=request.user.pk,
        token=secrets.token_urlsafe(32),
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        create_officers=create_officers,
    )
    saved = default_storage.save(pending.path, ContentFile(data))
    if saved != pending.path:  # never expected with a random name; never trust another file
        default_storage.delete(saved)
        raise WorkbookRefused("The workbook could not be stored; upload it again.")
    request.session[_session_key(plan.pk)] = asdict(pending)
    return pending


def allow_new_officers(request, plan) -> None:
    """The PMO chose, from the preview, to create the officers the file names that are not
    in the directory; the next preview and the commit do."""
    stored = request.session.get(_session_key(plan.pk))
    if stored:
        request.session[_session_key(plan.pk)] = {**stored, "create_officers": True}


def pending_for(request, plan) -> PendingImport | None:
    stored = request.session.get(_session_key(plan.pk))
    if not stored:
        return None
    pending = PendingImport(**stored)
    if pending.user_id != request.user.pk or pending.plan_id != plan.pk:
        return None
    return pending


def read(pending: PendingImport) -> bytes:
    try:
        with default_storage.open(pending.path, "rb") as stored:
            data = stored.read()
    except (FileNotFoundError, OSError) as error:
        raise WorkbookRefused("The uploaded workbook has expired; upload it again.") from error
    if hashlib.sha256(data).hexdigest() != pending.sha256:
        raise WorkbookRefused(
            "The uploaded workbook has changed since its preview; upload it again."
        )
    return data


def discard(request, plan) -> None:
    """Forget the pending import and delete every file this user left for this plan."""
    request.session.pop(_session_key(plan.pk), None)
    folder = f"{FOLDER}/{plan.pk}/{request.user.pk}"
    try:
        _, files = default_storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")


def sweep(*, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete pending imports nobody committed or cancelled (a closed browser, an expired
    session) once they are older than `older_than`; returns how many went. Run by
    `manage.py sweep_import_uploads` from cron."""
    cutoff = (now or timezone.now()) - older_than
    removed = 0
    for plan_folder in _folders(FOLDER):
        for user_folder in _folders(f"{FOLDER}/{plan_folder}"):
            folder = f"{FOLDER}/{plan_folder}/{user_folder}"
            _, files = default_storage.listdir(folder)
            for name in files:
                path = f"{folder}/{name}"
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
                    removed += 1
    return removed


def _folders(path: str) -> list[str]:
    try:
        folders, _ = default_storage.listdir(path)
    except (FileNotFoundError, OSError):
        return []
    return folders
