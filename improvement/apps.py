from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "Improvement plans"

    def ready(self) -> None:
        from .roles import sync_role_groups

        # Not limited to this app's signal: the actions app's permissions exist only
        # after its own post_migrate, and syncing is idempotent.
        post_migrate.connect(sync_role_groups, dispatch_uid="sync_role_groups")
