from celery import shared_task

from . import services
from .models import ReportStatus


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=200)
def render_report_job(self, job_id: int) -> str:
    job = services.report_job_run(job_id=job_id)
    if job is not None and job.status == ReportStatus.RUNNING:
        # Another worker holds the job. Ask again when its lease would lapse: if that
        # worker died, this delivery takes the job over then.
        raise self.retry(countdown=services.lease_remaining(job) + 1)
    return job.status if job else "missing"


@shared_task
def requeue_stuck_report_jobs() -> list[int]:
    return services.report_job_requeue_stuck()
