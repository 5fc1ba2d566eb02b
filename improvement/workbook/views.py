"""Downloading the workbook (every member) and importing one (the plan's PMO only):
upload, preview, then commit or cancel."""

import os
import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from improvement.access import get_plan_for_user
from improvement.models import ReportingCycle
from improvement.permissions import is_pmo, require

from . import uploads
from .columns import RISK_SHEET
from .export import build_workbook, workbook_filename
from .forms import CommitForm, UploadForm
from .importer import ImportRefused, commit_import, preview_import, read_workbook
from .report import CREATE, UPDATE
from .safety import WorkbookRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_PROBLEMS_IN_SUMMARY = 10


@require_safe
def workbook_download(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    cycle = None
    if request.GET.get("cycle"):
        if not request.GET["cycle"].isdigit():
            raise Http404("No such reporting cycle.")
        cycle = get_object_or_404(
            ReportingCycle.objects.closed(), pk=request.GET["cycle"], plan=plan
        )
    response = HttpResponse(build_workbook(plan, cycle), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{workbook_filename(plan, cycle)}"'
    return response


def _plan_for_import(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    require(is_pmo(request.user, plan.organisation_id), "Only the PMO imports workbooks.")
    return plan


def _filename(upload) -> str:
    name = os.path.basename((upload.name or "workbook.xlsx").replace("\\", "/"))
    return re.sub(r"[^\w .()&+,-]", "_", name)[:100] or "workbook.xlsx"


def workbook_import(request, plan_id: int):
    plan = _plan_for_import(request, plan_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        filename, data = _filename(upload), upload.read()
        create = form.cleaned_data["create_officers"]
        try:
            read_workbook(data, filename)  # refuse an unreadable or hostile file here
            uploads.stash(request, plan=plan, data=data, filename=filename, create_officers=create)
        except WorkbookRefused as refused:
            form.add_error("workbook", refused.message)
        else:
            return redirect("workbook-import-preview", plan_id=plan.pk)
    context = {"plan": plan, "form": form, "nav_summary": True}
    return render(
        request,
        "improvement/workbook/import_upload.html",
        context,
        status=400 if form.errors else 200,
    )


def workbook_import_preview(request, plan_id: int):
    plan = _plan_for_import(request, plan_id)
    pending = uploads.pending_for(request, plan)
    if pending is None:
        messages.error(request, "Upload a workbook to preview first.")
        return redirect("workbook-import", plan_id=plan.pk)
    form = CommitForm(request.POST or None)
    status = 200
    try:
        data = uploads.read(pending)
        options = {
            "plan": plan,
            "data": data,
            "filename": pending.filename,
            "by": request.user,
            "create_officers": pending.create_officers,
        }
        if request.method != "POST":
            report = preview_import(**options)
        elif not form.is_valid() or form.cleaned_data["token"] != pending.token:
            messages.error(request, "This preview is out of date: check it again before importing.")
            return redirect("workbook-import-preview", plan_id=plan.pk)
        elif "create_officers" in request.POST:
            uploads.allow_new_officers(request, plan)
            return redirect("workbook-import-preview", plan_id=plan.pk)
        elif "cancel" in request.POST:
            uploads.discard(request, plan)
            messages.info(request, f"Import of {pending.filename} cancelled; nothing was changed.")
            return redirect("plan-summary", plan_id=plan.pk)
        else:
            try:
                report = commit_import(**options)
            except ImportRefused as refused:
                report, status = refused.report, 400
            else:
                uploads.discard(request, plan)
                messages.success(request, _committed(report))
                return redirect("plan-summary", plan_id=plan.pk)
    except WorkbookRefused as refused:
        uploads.discard(request, plan)
        messages.error(request, refused.message)
        return redirect("workbook-import", plan_id=plan.pk)
    form = CommitForm({"token": pending.token})  # bound, so it can carry the problems
    form.is_valid()
    for problem in report.problems[:MAX_PROBLEMS_IN_SUMMARY]:
        form.add_error(None, str(problem))
    context = {
        "plan": plan,
        "form": form,
        "pending": pending,
        "report": report,
        "more_problems": max(len(report.problems) - MAX_PROBLEMS_IN_SUMMARY, 0),
        "counts": _counts(report),
        "nav_summary": True,
    }
    return render(request, "improvement/workbook/import_preview.html", context, status=status)


def _counts(report) -> list[tuple[str, int, int, int]]:
    counts = []
    for sheet in (report.plan_sheet, RISK_SHEET):
        rows = [row for row in report.rows if row.sheet == sheet]
        if rows:
            created, updated = report.count(sheet, CREATE), report.count(sheet, UPDATE)
            counts.append((sheet, created, updated, len(rows) - created - updated))
    return counts


def _committed(report) -> str:
    created = report.count(report.plan_sheet, CREATE)
    updated = report.count(report.plan_sheet, UPDATE)
    return (
        f"Imported {report.filename}: {created} action{'s' if created != 1 else ''} created, "
        f"{updated} updated, {report.progress_added} progress update"
        f"{'s' if report.progress_added != 1 else ''} added."
    )
