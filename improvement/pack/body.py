"""A system body's board pack (seed 004's LLR Commissioning Collaborative Board): its public
action log, its members' QIPP, the system financial recovery plan and the system's risks,
in the order the board's papers take them. Only the members the reader may read are in it,
as on the body's own pages."""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from risks.models import Risk

from ..finance_scope import finance_of
from ..models import MeetingItem, Organisation
from .finance import PackSection, sections_of
from .render import RenderedPdf, pack_css, render_pdf


@dataclass
class BodyPack:
    body: Organisation
    members: list[Organisation]
    generated_at: datetime
    action_log: list[MeetingItem]
    sections: list[PackSection]
    risks: list[Risk]

    @property
    def title(self) -> str:
        return f"{self.body}: board pack, {self.generated_at:%d %B %Y}"


def build_body_pack_context(body: Organisation, user) -> BodyPack:
    members = list(Organisation.objects.readable_members_of(body, user).order_by("name"))
    member_ids = [member.pk for member in members]
    action_log = (
        MeetingItem.objects.decisions()
        .filter(organisation=body)
        .select_related("raised_at", "responsible")
        .order_by("raised_at__date", "minute_no", "id")
    )
    risks = (
        Risk.objects.filter(organisation__in=[body.pk, *member_ids])
        .select_related("owner", "organisation")
        .with_scores()
        .order_by("-current_score", "organisation__name", "reference")
    )
    return BodyPack(
        body=body,
        members=members,
        generated_at=timezone.now(),
        action_log=list(action_log),
        sections=(
            sections_of(finance_of(member_ids), frp_title="System financial recovery plan")
            if member_ids
            else []
        ),
        risks=list(risks),
    )


def render_body_pack(pack: BodyPack) -> RenderedPdf:
    html = render_to_string(
        "pack/body_pack.html", {"pack": pack, "css": pack_css(), "for_pdf": True}
    )
    return render_pdf(html, title=pack.title)
