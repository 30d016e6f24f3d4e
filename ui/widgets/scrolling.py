"""Kinetic (flick) scrolling for touch: a drag scrolls the list, a tap still presses its target."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> None:
    """Let a one-finger drag (or a mouse drag) scroll `area`, without bouncing past the ends.

    QScroller's LeftMouseButtonGesture works with touch screens that report mouse events, as
    most kiosk panels do; a press that does not move is delivered to the widget as a tap.
    """
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(props)


def vertical_scroll_area(
    content: QWidget, parent: QWidget, *, focusable: bool = False
) -> QScrollArea:
    """A scroll area around `content` that scrolls up and down only (WCAG 1.4.10: no sideways
    scrolling), resizes `content` to its width, and scrolls with a finger drag. It takes Tab
    focus only when `focusable`, so it does not add a stop between the controls inside it."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if not focusable:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    enable_kinetic_scrolling(area)
    return area
