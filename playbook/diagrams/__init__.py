"""Diagrams drawn from the profile at build time, as inline SVG.

Pure functions: a raw profile (indexed once by ``index_profile``) and a function that makes
links relative to the page go in, HTML with an ``<svg>`` comes out. Nothing here knows
about MkDocs; ``playbook.engines.macros`` places the results in pages.
"""

from playbook.diagrams.index import ProfileIndex, index_profile
from playbook.diagrams.journey import journey_map, role_journey
from playbook.diagrams.kpimap import kpi_map
from playbook.diagrams.orgchart import org_chart, role_orgchart

__all__ = [
    "ProfileIndex",
    "index_profile",
    "journey_map",
    "kpi_map",
    "org_chart",
    "role_journey",
    "role_orgchart",
]
