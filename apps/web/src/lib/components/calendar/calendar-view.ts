/** The calendar's views, as the page names them and as the calendar widget does. */
export type CalendarViewName = 'month' | 'week' | 'list';

export const CALENDAR_VIEWS: { name: CalendarViewName; label: string; widget: string; key: string }[] = [
  { name: 'month', label: 'Month', widget: 'dayGridMonth', key: 'm' },
  { name: 'week', label: 'Week', widget: 'timeGridWeek', key: 'w' },
  { name: 'list', label: 'List', widget: 'listMonth', key: 'l' },
];

export function widgetView(name: CalendarViewName): string {
  return CALENDAR_VIEWS.find((view) => view.name === name)!.widget;
}

export function isCalendarView(value: string | null): value is CalendarViewName {
  return CALENDAR_VIEWS.some((view) => view.name === value);
}

/**
 * The anchor date moved one view forward or back: a month for month and list, a week for week.
 *
 * @example
 * stepDate('2026-01-31', 'month', 1); // '2026-02-01'
 */
export function stepDate(date: string, view: CalendarViewName, direction: 1 | -1): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (view === 'week') return new Date(Date.UTC(year, month - 1, day + 7 * direction)).toISOString().slice(0, 10);
  return new Date(Date.UTC(year, month - 1 + direction, 1)).toISOString().slice(0, 10);
}
