import {
  ChartColumn,
  Bot,
  CalendarClock,
  FileText,
  History,
  Inbox,
  LayoutDashboard,
  Settings,
  TriangleAlert,
} from 'lucide-react';

export const NAV_LINKS = [
  { href: '/', label: 'Dashboard', icon: LayoutDashboard },
  { href: '/inbox', label: 'Inbox', icon: Inbox },
  { href: '/cron', label: 'Cron jobs', icon: CalendarClock },
  { href: '/content', label: 'Content', icon: FileText },
  { href: '/agents', label: 'Agents', icon: Bot },
  { href: '/failures', label: 'Failures', icon: TriangleAlert },
  { href: '/metrics', label: 'Metrics', icon: ChartColumn },
  { href: '/activity', label: 'Audit log', icon: History },
  { href: '/settings', label: 'Settings', icon: Settings },
] as const;
