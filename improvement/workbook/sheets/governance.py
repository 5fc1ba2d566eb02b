"""Governance: project roles (table 1), responsible officers (table 2), the RAG key
(table 4) and the improvement areas (table 5), as seed 002's Governance tab lays them out."""

from actions.models import RAG_MEANINGS, Rag
from improvement.models import Officer

from ..styles import Kind
from ..writer import BLANK, Column, Header, Section, Styled, Title
from . import PlanSheet


def person(officer: Officer) -> str:
    """ "Cathy Gritzner (CG)", or "n/a" for a vacant post."""
    if not officer.name:
        return "n/a"
    return f"{officer.name} ({officer.initials})" if officer.initials else officer.name


class GovernanceSheet(PlanSheet):
    title = "Governance"
    columns = (Column("", Kind.WRAP, 30), Column("", Kind.WRAP, 44), Column("", Kind.WRAP, 60))
    autofilter = False
    freeze_header = False

    def rows(self):
        plan = self.plan
        yield Title(f"{plan.organisation}: {plan} – Governance")
        yield BLANK
        yield Section("Project Details (table 1)")
        yield Header(("Role", "Who", "Task"))
        for role in plan.project_roles.all():
            yield (role.role, role.who, role.task)
        yield BLANK
        yield Section("Responsible Officers for Delivery (table 2)")
        yield Header(("Abbreviation", "Title", "Person"))
        for officer in Officer.objects.filter(organisation_id=plan.organisation_id):
            yield (officer.abbreviation, officer.title, person(officer))
        yield BLANK
        yield Section("RAG Key (table 4)")
        yield Header(("RAG", "Meaning"))
        for rag in Rag:
            yield (Styled(rag.value, Kind.RAG), RAG_MEANINGS[rag])
        yield ("", "* Completed: a review checks the actions are embedded within 3 months.")
        yield BLANK
        yield Section("Improvement Areas (table 5)")
        yield Header(("No.", "Improvement area"))
        for area in plan.areas.all():
            yield (Styled(area.number, Kind.INTEGER), area.title)
