from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, pre_save


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "Improvement plans"

    def ready(self) -> None:
        from .roles import sync_role_groups

        # Not limited to this app's signal: the actions app's permissions exist only
        # after its own post_migrate, and syncing is idempotent.
        post_migrate.connect(sync_role_groups, dispatch_uid="sync_role_groups")

        from .text import OUR_APPS, normalise_instance_text

        for app_label in OUR_APPS:
            for model in apps.get_app_config(app_label).get_models():
                pre_save.connect(
                    normalise_instance_text, sender=model, dispatch_uid=f"normalise_{model}"
                )
