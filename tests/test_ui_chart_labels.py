"""The credibility-acceptability chart's labels (real drawing under SDL's dummy driver): the
labels of the package on the table and of the draft never sit over part of a zone's caption
("Russia can accept" read "R… ia can accept" under "Your draft" when a package of little
credibility sat on the threshold); a label that finds no free place covers a caption whole,
and the caption is left out (an earlier round's label, "R1", too). Checked for marks all along the bottom of the plot and near the
threshold, in both languages, at 1x and 2x, in the round screen's size and the class view's."""

from __future__ import annotations

import pygame
import pytest

from game.ui.chart import ChartWords, Point, draw_chart
from game.ui.i18n import catalogue
from game.ui.theme import Theme


def words(lang: str, threshold: int) -> ChartWords:
    t = catalogue(lang)
    return ChartWords(
        x_axis=t["round.chart_x"],
        y_axis=t["round.chart_y"],
        threshold=t["round.threshold_value"].replace("{value}", str(threshold)),
        accept_zone=t["round.zone_accept"],
        counter_zone=t["round.zone_counter"],
    )


@pytest.mark.parametrize("size", [(368, 300), (560, 420)])
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_label_never_covers_part_of_a_zones_caption(lang, scale, size):
    pygame.init()
    th = Theme(scale)
    t = catalogue(lang)
    rect = pygame.Rect(0, 0, size[0] * int(scale), size[1] * int(scale))
    surface = pygame.Surface(rect.size)
    checked = 0
    for threshold in (55, 63, 72):
        for acc in range(40, 101, 6):
            for cred in (0, 2, 10, 30):
                for draft in (None, (acc - 1, cred + 1), (acc + 8, 5), (0, 40)):
                    points = [Point(cred, acc, t["round.chart_table"], "table")]
                    if draft is not None and draft[0] == 0:  # with an earlier round's mark
                        points.append(Point(cred + 3, acc + 2, "R1", "past"))
                    if draft is not None:
                        points.append(Point(draft[1], draft[0], t["round.chart_draft"], "draft"))
                    report: dict[str, list[pygame.Rect]] = {}
                    draw_chart(
                        surface,
                        rect,
                        th,
                        lang,
                        threshold=threshold,
                        counter_margin=15,
                        points=points,
                        words=words(lang, threshold),
                        report=report,
                    )
                    labels, captions = report["labels"], report["captions"]
                    assert len(labels) == len(points)
                    for box in labels:
                        hit = [c for c in captions if c.colliderect(box)]
                        assert not hit, (threshold, acc, cred, draft, box, hit)
                    checked += 1
    assert checked == 3 * 11 * 4 * 4
