"""The Overview's two bar charts, drawn by pyqtgraph (a plotting library made for Qt).

Colours come from the widget palette (light and dark themes); axes carry readable labels
(clock times, days) set as explicit ticks. A click on a bar emits its index, so the window
can open the rows behind it. Updating a chart replaces one item's data: cheap enough to do on
every refresh without stalling the window.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, QPointF, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsView, QLabel, QVBoxLayout, QWidget

from desktop.ui.overview.cards import muted


class _LocaleAxis(pg.AxisItem):
    """Whole numbers as the app's locale writes them (41.095 or 41,095), not 41095."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing < 1:
            return super().tickStrings(values, scale, spacing)  # type: ignore[no-any-return]
        return [QLocale().toString(round(value * scale)) for value in values]


class _Plot(pg.PlotWidget):
    """A PlotWidget that survives `close()`. The main window closes every child widget when it
    closes; pyqtgraph's own `close()` also deletes its viewport, which the window's loop then
    reaches as a deleted object (a RuntimeError inside closeEvent, which crashed PySide 6.11).
    Qt deletes the plot with its parent, as any widget."""

    def close(self) -> bool:
        return QGraphicsView.close(self)


class BarChart(QWidget):
    """A titled bar chart. `set_bars(values, ticks, tooltips)`; `bar_clicked(index)`.

    Signals:
        bar_clicked(index): the user clicked the bar at `index`.
    """

    bar_clicked = Signal(int)

    def __init__(self, title: str, y_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.title = QLabel(title)
        self.plot = _Plot(axisItems={"left": _LocaleAxis("left")})
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)  # a dashboard, not an instrument: no panning
        self.plot.hideButtons()
        self.plot.setMinimumHeight(200)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setLabel("left", y_label)
        self.plot.getAxis("left").setWidth(64)  # room for "100.000" before the first paint
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.plot.addItem(self.bars)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.plot.scene().sigMouseMoved.connect(self._hovered)
        self.values: list[float] = []
        self._tooltips: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        self._recolour()

    def set_bars(
        self, values: Sequence[float], ticks: Sequence[tuple[int, str]], tooltips: Sequence[str]
    ) -> None:
        self.values = list(values)
        self._tooltips = list(tooltips)
        xs = list(range(len(self.values)))
        self.bars.setOpts(x=xs, height=self.values, width=0.8)
        self.plot.getAxis("bottom").setTicks([list(ticks), []])
        self.plot.setXRange(-0.7, max(len(xs), 1) - 0.3, padding=0)
        top = max(self.values, default=0.0)
        self.plot.setYRange(0, top * 1.1 if top > 0 else 1, padding=0)

    def index_at(self, scene_pos: QPointF) -> int | None:
        """The bar under a point of the chart's scene (None: between bars or outside)."""
        if not self.plot.plotItem.vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = self.plot.plotItem.vb.mapSceneToView(scene_pos).x()
        index = round(x)
        if 0 <= index < len(self.values) and abs(x - index) <= 0.45:
            return index
        return None

    def _clicked(self, event: object) -> None:
        index = self.index_at(event.scenePos())  # type: ignore[attr-defined]
        if index is not None:
            self.bar_clicked.emit(index)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    def _hovered(self, scene_pos: QPointF) -> None:
        # Hovering a bar tells its exact value (the axis is rounded).
        index = self.index_at(scene_pos)
        self.plot.setToolTip(
            self._tooltips[index] if index is not None and index < len(self._tooltips) else ""
        )

    def _recolour(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        self.plot.setBackground(base)
        for side in ("left", "bottom"):
            axis = self.plot.getAxis(side)
            axis.setPen(pg.mkPen(muted(palette)))
            axis.setTextPen(pg.mkPen(text))
        # No outline: an empty minute stays empty instead of drawing a dash on the axis.
        self.bars.setOpts(brush=pg.mkBrush(highlight), pen=pg.mkPen(None))
        self.title.setStyleSheet(f"color: {muted(palette).name()}; font-weight: bold")
