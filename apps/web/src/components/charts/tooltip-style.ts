/** A chart's tooltip in the theme's colours: the hovered band and the box (spread into recharts' `<Tooltip>`). */
export const tooltipStyle = {
  cursor: { fill: 'var(--muted)' },
  contentStyle: {
    background: 'var(--card)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    fontSize: 12,
  },
};
