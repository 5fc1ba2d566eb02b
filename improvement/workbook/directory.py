"""Matching the officers a workbook names ("AO (CG)") to the organisation's directory:
by initials first (unique in an organisation), then by role abbreviation when that names
one officer. Unknown officers are reported, or created when the PMO asks for it."""

from improvement.models import Officer

from .values import OfficerRef


def _key(abbreviation: str) -> str:
    return "".join(abbreviation.split()).lower()


class Directory:
    def __init__(self, organisation, *, create: bool):
        self.organisation = organisation
        self.create = create
        self.created: list[Officer] = []
        officers = list(Officer.objects.filter(organisation=organisation))
        self.next_position = max((officer.position for officer in officers), default=0) + 1
        self._by_initials: dict[str, list[Officer]] = {}
        self._by_role: dict[str, list[Officer]] = {}
        for officer in officers:
            self._index(officer)

    def _index(self, officer: Officer) -> None:
        if officer.initials:
            self._by_initials.setdefault(officer.initials.lower(), []).append(officer)
        # A post a register names by its title only ("Chief Officer") is written so too.
        self._by_role.setdefault(_key(officer.abbreviation or officer.title), []).append(officer)

    def find(self, ref: OfficerRef) -> Officer | None:
        if ref.initials:
            matches = self._by_initials.get(ref.initials.lower(), [])
            exact = [officer for officer in matches if officer.initials == ref.initials]
            if len(exact) == 1 or len(matches) == 1:
                return (exact or matches)[0]
            return None
        matches = self._by_role.get(_key(ref.abbreviation), [])
        if not matches:  # "KC": someone a plan knows by initials only
            matches = [
                officer
                for officer in self._by_initials.get(ref.abbreviation.lower(), [])
                if not officer.abbreviation and not officer.title
            ]
        return matches[0] if len(matches) == 1 else None

    def resolve(self, refs: list[OfficerRef]) -> tuple[list[Officer], list[OfficerRef]]:
        """(officers found or created, refs neither found nor created)."""
        found, unknown = [], []
        for ref in refs:
            officer = self.find(ref)
            if officer is None and self.create:
                officer = self._create(ref)
            if officer is None:
                unknown.append(ref)
            elif officer not in found:
                found.append(officer)
        return found, unknown

    def _create(self, ref: OfficerRef) -> Officer:
        role = ref.abbreviation or ref.initials
        officer = Officer(
            organisation=self.organisation,
            abbreviation=role[:30],
            title=role[:120],
            initials=ref.initials[:8],
            position=self.next_position,
        )
        officer.full_clean(validate_constraints=False)
        officer.save()
        self.next_position += 1
        self.created.append(officer)
        self._index(officer)
        return officer
