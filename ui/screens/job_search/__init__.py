"""The job search screen (Route.JOB_SEARCH): the screen and its filters (screen.py), its
searching (searching.py), the search panel with the field, keyboard and filters
(search_panel.py), the results pane (results_pane.py), how the two are laid out at each width
(layout.py) and its demo states (demo.py)."""
from ui.screens.job_search.screen import JobSearchScreen
from ui.screens.job_search.searching import PAGE_SIZE

__all__ = ["PAGE_SIZE", "JobSearchScreen"]
