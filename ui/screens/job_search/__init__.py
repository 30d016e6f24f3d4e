"""The job search screen (Route.JOB_SEARCH): the screen and its searching (screen.py), the
search panel with the field, keyboard and filters (search_panel.py), the results pane
(results_pane.py), how the two are laid out at each width (layout.py) and its demo states."""
from ui.screens.job_search.screen import PAGE_SIZE, JobSearchScreen

__all__ = ["PAGE_SIZE", "JobSearchScreen"]
