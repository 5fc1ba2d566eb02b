"""The PMO writes the board-paper front sheet of a cycle's pack."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .date_input import NhsDateField
from .forms import name_the_empty_choice
from .models import FrontSheet, ImprovementPlan, ReportingCycle
from .permissions import is_pmo, require

# What stays the same from one report to the next: offered from the last front sheet.
CARRIED_FORWARD = ["report_to", "section", "purpose", "report_by", "sponsoring_director"]


class FrontSheetForm(forms.ModelForm):
    meeting_date = NhsDateField(label="Date of the meeting", required=False)

    class Meta:
        model = FrontSheet
        fields = [
            "report_to",
            "meeting_date",
            "section",
            "purpose",
            "report_by",
            "sponsoring_director",
            "presented_by",
            "executive_summary",
            "asks",
        ]
        widgets = {"executive_summary": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "report_to": {"required": "Enter who the report goes to."},
            "purpose": {"required": "Choose the report's purpose."},
            "report_by": {"required": "Enter who wrote the report."},
            "sponsoring_director": {"required": "Enter the sponsoring director."},
            "executive_summary": {"required": "Enter the executive summary."},
            "asks": {"required": "Enter what the board is asked to do."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choice(self.fields["purpose"], "Choose the purpose")


def _last_front_sheet(cycle):
    return (
        FrontSheet.objects.filter(cycle__plan=cycle.plan)
        .exclude(cycle=cycle)
        .order_by("-cycle__as_at")
        .first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def front_sheet(request, pk: int):
    cycles = ReportingCycle.objects.filter(
        plan__in=ImprovementPlan.objects.for_user(request.user)
    ).select_related("plan__organisation")
    cycle = get_object_or_404(cycles, pk=pk)
    require(is_pmo(request.user, cycle.plan.organisation_id), "The front sheet is the PMO's.")
    existing = FrontSheet.objects.filter(cycle=cycle).first()
    initial = {}
    if existing is None and (last := _last_front_sheet(cycle)):
        initial = {name: getattr(last, name) for name in CARRIED_FORWARD}
    form = FrontSheetForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        sheet = form.save(commit=False)
        sheet.cycle, sheet.updated_by = cycle, request.user
        sheet.save()
        messages.success(
            request,
            f"Front sheet saved: packs for the report as at {cycle.as_at:%d/%m/%Y} open with it.",
        )
        return redirect("pack-list", plan_id=cycle.plan_id)
    context = {"plan": cycle.plan, "cycle": cycle, "form": form, "nav_packs": True}
    status = 400 if form.is_bound else 200
    return render(request, "improvement/front_sheet.html", context, status=status)
