"""Plain helpers of the evaluation tests (no fixtures)."""

from monitoring.evaluations import services
from monitoring.models import PointKind


def add_point(world, evaluation, kind=PointKind.RECOMMENDATION, **fields):
    """A point of ``evaluation`` written as A's coordinator (a recommendation unless
    ``kind`` says otherwise)."""
    return services.point_create(
        actor=world.users["coord_a"],
        evaluation=evaluation,
        kind=kind,
        text=fields.pop("text", "Hand the secretariat over"),
        **fields,
    )


def stamp(record) -> str:
    record.refresh_from_db()
    return record.updated_at.isoformat()
