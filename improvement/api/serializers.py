"""What each API object holds: the fields the pages show, with the product's meaning
(RAG words, assurance, overdue, risk bands) taken from the domain's own methods."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Action, ActionSnapshot, DeadlineRevision
from finance.models import QippScheme, SchemeMonth
from risks.models import Risk, RiskReview, RiskSnapshot, ScoreSet

from .. import clock
from ..models import ImprovementArea, ImprovementPlan, Officer, Recommendation, ReportingCycle


class OfficerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Officer
        fields = ["id", "abbreviation", "title", "name"]


class PlanSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    organisation_id = serializers.IntegerField()

    class Meta:
        model = ImprovementPlan
        fields = [
            "id",
            "organisation_id",
            "organisation",
            "title",
            "version",
            "as_at",
            "gb_approved_on",
            "nhse_approved_on",
            "area_term",
            "recommendation_term",
            "action_term",
        ]


class AreaSerializer(serializers.ModelSerializer):
    plan_id = serializers.IntegerField()

    class Meta:
        model = ImprovementArea
        fields = ["id", "plan_id", "number", "title"]


class RecommendationSerializer(serializers.ModelSerializer):
    area_id = serializers.IntegerField()
    plan_id = serializers.IntegerField(source="area.plan_id")

    class Meta:
        model = Recommendation
        fields = ["id", "plan_id", "area_id", "source", "reference", "text", "position"]


class DeadlineRevisionSerializer(serializers.ModelSerializer):
    revised_by = serializers.CharField(source="revised_by.get_full_name", default="")

    class Meta:
        model = DeadlineRevision
        fields = ["previous_due_date", "new_due_date", "reason", "revised_by", "revised_at"]


class LatestProgressSerializer(serializers.Serializer):
    text = serializers.CharField()
    reported_on = serializers.DateField()
    author = serializers.CharField()


class ActionSerializer(serializers.ModelSerializer):
    plan_id = serializers.IntegerField()
    area_id = serializers.IntegerField()
    recommendation_id = serializers.IntegerField(allow_null=True)
    parent_id = serializers.IntegerField(allow_null=True)
    sros = OfficerSerializer(many=True)
    operational_leads = OfficerSerializer(many=True)
    gb_owner = OfficerSerializer(allow_null=True)
    rag_label = serializers.CharField()
    assurance = serializers.CharField(source="get_evidence_status_display")
    overdue = serializers.SerializerMethodField()
    latest_progress = serializers.SerializerMethodField()
    deadline_revisions = DeadlineRevisionSerializer(many=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan_id",
            "area_id",
            "recommendation_id",
            "parent_id",
            "number",
            "text",
            "sros",
            "operational_leads",
            "gb_owner",
            "by_when",
            "start_date",
            "due_date",
            "overdue",
            "deadline_revisions",
            "measure_of_success",
            "outcome_measure",
            "rag",
            "rag_label",
            "rag_as_written",
            "status",
            "evidence_status",
            "assurance",
            "evidence_required",
            "evidence_detail",
            "in_scope",
            "is_closed",
            "completed_on",
            "latest_progress",
            "modified_at",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, action) -> bool:
        return action.is_overdue(clock.today(action.plan))

    @extend_schema_field(LatestProgressSerializer(allow_null=True))
    def get_latest_progress(self, action):
        if not action.latest_progress_text:
            return None
        return {
            "text": action.latest_progress_text,
            "reported_on": action.last_updated_on,
            "author": action.latest_progress_author,
        }


class RiskReviewSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(allow_null=True)
    previous_score = serializers.IntegerField(allow_null=True)

    class Meta:
        model = RiskReview
        fields = [
            "reviewed_on",
            "reviewer_name",
            "likelihood",
            "impact",
            "score",
            "previous_score",
            "commentary",
        ]


class ScoreSerializer(serializers.Serializer):
    label = serializers.CharField()
    written = serializers.CharField()
    score = serializers.IntegerField(allow_null=True)
    band = serializers.CharField(allow_null=True)


class ScoresSerializer(serializers.Serializer):
    initial = ScoreSerializer()
    current = ScoreSerializer()
    target = ScoreSerializer()


class RiskSerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField()
    plan_id = serializers.IntegerField(allow_null=True)
    owner = OfficerSerializer(allow_null=True)
    scores = serializers.SerializerMethodField()
    mitigating_action_ids = serializers.PrimaryKeyRelatedField(
        source="mitigating_actions", many=True, read_only=True
    )
    reviews = RiskReviewSerializer(many=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "organisation_id",
            "plan_id",
            "reference",
            "title",
            "description",
            "category",
            "ciaf_domain",
            "register",
            "impact",
            "mitigations",
            "owner",
            "status",
            "review_date",
            "scores",
            "mitigating_action_ids",
            "reviews",
        ]

    @extend_schema_field(ScoresSerializer)
    def get_scores(self, risk) -> dict:
        scores = {}
        for which in ScoreSet:
            cell = risk.score_cell(which)
            scores[which.value] = {
                "label": cell.label,
                "written": cell.written,
                "score": cell.score,
                "band": cell.band.label if cell.band else None,
            }
        return scores


class SchemeMonthSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeMonth
        fields = ["month", "plan", "actual"]


class SchemeSerializer(serializers.ModelSerializer):
    programme_id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    programme_area = serializers.CharField(source="programme_area.name", default="")
    workstream = serializers.CharField(source="workstream.name", default="")
    sro = OfficerSerializer(allow_null=True)
    months = SchemeMonthSerializer(many=True)

    class Meta:
        model = QippScheme
        fields = [
            "id",
            "programme_id",
            "organisation_id",
            "number",
            "line",
            "name",
            "programme_area",
            "workstream",
            "sro",
            "planning_stage",
            "gateway_stage",
            "recurrence",
            "forecast",
            "assured_value",
            "milestones_rag",
            "benefits_rag",
            "risk_rag",
            "commentary",
            "months",
            "updated_at",
        ]


class CycleSerializer(serializers.ModelSerializer):
    plan_id = serializers.IntegerField()
    snapshot_count = serializers.IntegerField()
    risk_snapshot_count = serializers.IntegerField()

    class Meta:
        model = ReportingCycle
        fields = [
            "id",
            "plan_id",
            "as_at",
            "update_deadline",
            "status",
            "opened_at",
            "closed_at",
            "snapshot_count",
            "risk_snapshot_count",
        ]


class SnapshotSerializer(serializers.ModelSerializer):
    """An action as it stood when its cycle closed: what that cycle's pack reported."""

    cycle_id = serializers.IntegerField()
    action_id = serializers.IntegerField()
    area_id = serializers.IntegerField()

    class Meta:
        model = ActionSnapshot
        fields = [
            "id",
            "cycle_id",
            "action_id",
            "area_id",
            "number",
            "rag",
            "rag_as_written",
            "status",
            "due_date",
            "evidence_status",
            "in_scope",
            "latest_progress",
            "latest_progress_on",
        ]


class RiskSnapshotSerializer(serializers.ModelSerializer):
    """A risk's score and status when its cycle closed."""

    cycle_id = serializers.IntegerField()
    risk_id = serializers.IntegerField()
    score = serializers.IntegerField(allow_null=True)

    class Meta:
        model = RiskSnapshot
        fields = ["id", "cycle_id", "risk_id", "likelihood", "impact", "score", "status"]
