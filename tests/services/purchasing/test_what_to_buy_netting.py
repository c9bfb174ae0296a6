"""What to buy's netting (``_net``) against a plain reference on random cases: free stock first, then the open
order lines due by each part's deadline (parts by deadline, lines by expected date), the minimum level last from
any line; the same shorts per part, the same quantities taken off each line."""

from __future__ import annotations

import random
from collections import namedtuple
from datetime import date, timedelta
from decimal import Decimal as D

from erp_desktop.services.purchasing.dto import WhatToBuyDTO
from erp_desktop.services.purchasing.what_to_buy import _net

Product = namedtuple("Product", "sku name unit min_level")
Part = namedtuple("Part", "code deadline")
ZERO = D(0)


def _reference(needs, parts, part_order, free, po_lines, min_level):
    remaining = [[oid, number, expected, qty] for oid, number, expected, qty in po_lines]
    used = {}

    def from_orders(qty, need_date):
        for line in remaining:
            if qty <= 0:
                break
            oid, number, expected, left = line
            if left <= 0 or (need_date is not None and expected > need_date):
                continue
            piece = min(left, qty)
            line[3] -= piece
            used[(oid, number, expected)] = used.get((oid, number, expected), ZERO) + piece
            qty -= piece
        return qty

    on_hand, shorts = max(free, ZERO), []
    for part_id in sorted(needs, key=part_order.__getitem__):
        taken = min(on_hand, needs[part_id])
        on_hand -= taken
        short = needs[part_id] - taken
        shorts.append((part_id, from_orders(short, parts[part_id].deadline) if short > 0 else short))
    min_short = min_level - min(on_hand, min_level)
    if min_short > 0:
        min_short = from_orders(min_short, None)
    return shorts, min_short, used


def test_netting_matches_the_plain_reference_on_random_cases():
    rng, today = random.Random(14), date(2026, 12, 3)
    for case in range(400):
        parts = {pid: Part(f"P{pid}", None if rng.random() < 0.1 else today + timedelta(days=rng.randint(0, 60)))
                 for pid in range(1, rng.randint(2, 12))}
        part_order = {pid: (p.deadline or date.max, p.code) for pid, p in parts.items()}
        needs = {pid: D(rng.randint(1, 400)) / 4 for pid in parts if rng.random() < 0.8}
        po_lines = sorted(((oid, f"PO-{oid}", today + timedelta(days=rng.randint(0, 70)), D(rng.randint(1, 300)) / 2)
                           for oid in range(rng.randint(0, 6))), key=lambda line: (line[2], line[0]))
        free, min_level = D(rng.randint(-20, 200)), D(rng.choice((0, 0, 25, 150)))
        product = Product("RAW", "Raw", "kg", min_level)
        row, pegging = _net(7, product, needs, parts, part_order, (free, ZERO), free, po_lines, {}, {}, {}, today)
        shorts, min_short, used = _reference(needs, parts, part_order, free, po_lines, min_level)
        if row is None:
            assert sum((s for _, s in shorts), min_short) <= 0 or sum(needs.values(), min_level) <= free, case
            continue
        pegged, orders = WhatToBuyDTO(today, (row,), {7: pegging}, {pid: (p.code, p.deadline) for pid, p in parts.items()}
                                      ).pegging_of(7)
        # ordered by the earliest deadline of a part still short (no lead time here), else today
        assert row.order_by == min((parts[pid].deadline for pid, short in shorts
                                    if short > 0 and parts[pid].deadline is not None), default=today), case
        assert [(p.part_id, p.short) for p in pegged] == shorts, case
        assert row.short_min_level == min_short and row.short == sum((s for _, s in shorts), min_short), case
        assert {(o.order_id, o.number, o.expected_date): o.qty for o in orders} == used, case
