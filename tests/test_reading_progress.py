"""Reading progress as the library lists it: percent read and when, said the short way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from reader.core.positions import DocumentPosition
from reader.core.reading_progress import (
    Progress,
    last_read_label,
    percent_label,
    percent_read,
    progress_of,
)

NOW = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)


def test_percent_is_the_saved_offset_over_the_length_rounded_down() -> None:
    read = DocumentPosition(offset=37_990, read_at=NOW)
    assert progress_of(read, 100_000).percent_label == "37%"
    assert progress_of(DocumentPosition(offset=100_000, read_at=NOW), 100_000).percent == 100
    assert progress_of(DocumentPosition(offset=500, read_at=NOW), 100).percent == 100
    assert progress_of(DocumentPosition(offset=0, read_at=NOW), 100).percent_label == "0%"


def test_percent_is_of_how_far_the_reader_saw_when_that_was_saved() -> None:
    # The status line's figure: the bottom of the screen, not its top line.
    seen = DocumentPosition(offset=17_400, read_at=NOW, seen=21_800)
    assert progress_of(seen, 100_000).percent_label == "21%"
    assert percent_read(21_800, 100_000) == 21 and percent_label(21) == "21%"
    assert percent_read(100_000, 100_000) == 100 and percent_read(99_999, 100_000) == 99
    assert percent_read(5, 0) == 100  # an empty text is read through


def test_a_text_never_read_shows_nothing() -> None:
    assert progress_of(None, 1000) == Progress()
    marked_only = DocumentPosition(offset=0, marks={"a": 40})
    assert progress_of(marked_only, 1000).percent_label == ""
    assert Progress().read_label(NOW) == ""


def test_a_position_saved_before_read_times_shows_its_percent_only() -> None:
    old = progress_of(DocumentPosition(offset=250), 1000)
    assert (old.percent_label, old.read_label(NOW)) == ("25%", "")


def test_last_read_is_said_the_short_way() -> None:
    assert last_read_label(NOW - timedelta(hours=2), NOW) == "today"
    assert last_read_label(NOW - timedelta(days=1), NOW) == "yesterday"
    assert last_read_label(NOW - timedelta(days=3), NOW) == "3 days ago"
    assert last_read_label(NOW - timedelta(days=30), NOW) == "2026-11-06"
    assert last_read_label(NOW + timedelta(minutes=5), NOW) == "today"  # a clock ahead


def test_last_read_counts_days_in_the_readers_time_zone() -> None:
    tokyo = timezone(timedelta(hours=9))
    late = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)  # already the 6th in Tokyo
    morning = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo
    assert last_read_label(late, morning) == "yesterday"
    assert last_read_label(late, morning.astimezone(tokyo)) == "today"
