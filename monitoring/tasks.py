from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, max_retries=0)
def render_report_job(job_id: int) -> str:
    job = services.report_job_run(job_id=job_id)
    return job.status if job else "missing"


@shared_task
def requeue_stuck_report_jobs() -> list[int]:
    return services.report_job_requeue_stuck()
