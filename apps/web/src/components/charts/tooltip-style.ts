/**
 * A chart's tooltip in the theme's colours: the hovered band and the box (spread into recharts' `<Tooltip>`). Its
 * text is the theme's foreground: recharts writes each item in its series' colour, which on the card's background
 * is below the contrast text needs (axe flagged it on /metrics); the legend and the marks keep the colours.
 */
export const tooltipStyle = {
  cursor: { fill: 'var(--muted)' },
  contentStyle: {
    background: 'var(--card)',
    color: 'var(--foreground)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    fontSize: 12,
  },
  itemStyle: { color: 'var(--foreground)' },
};
