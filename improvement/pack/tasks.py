"""The Governing Body pack's background task (Django's task framework, django-tasks):
WeasyPrint takes seconds to minutes, longer than a request should wait."""

from django_tasks import task

from .services import run_build


@task()
def build_pack_in_background(build_id: int) -> None:
    run_build(build_id)
