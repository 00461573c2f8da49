"""Merging reports of the same event across articles (see ``docs/merge.md``).

:class:`Report` is what is compared, :func:`compare` scores two reports signal by signal,
:func:`choose` picks the merged event a new report joins, :class:`Merger` clusters in memory,
:func:`reconcile` gives a merged event's low / best / high fatality figures.
"""

from warlog.merge.cluster import (Cluster, Decision, Merger, Reconciled, choose, disputed_text,
                                  merged_id, reconcile, representative)
from warlog.merge.report import Report
from warlog.merge.signals import THRESHOLD, Comparison, compare, registry_family

__all__ = ["THRESHOLD", "Cluster", "Comparison", "Decision", "Merger", "Reconciled", "Report",
           "choose", "compare", "disputed_text", "merged_id", "reconcile", "registry_family",
           "representative"]
