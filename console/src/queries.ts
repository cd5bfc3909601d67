// The console's reads, through TanStack Query: one key per API resource, so a page and the one
// after it share what was already fetched, and polling is one option.
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { CaseView, DemandReport, Feed, Me, PerformanceReport, ResidentSearch, ResidentTimeline, ServiceLevels, ServiceOption, Worklist } from './api-types.ts';

export const keys = {
  me: ['me'] as const,
  services: ['services'] as const,
  residents: (q: string) => ['residents', q] as const,
  timeline: (key: string) => ['timeline', key] as const,
  case: (reference: string) => ['case', reference] as const,
  feed: ['feed'] as const,
  serviceLevels: (query: string) => ['service-levels', query] as const,
  worklist: (team: string) => ['worklist', team] as const,
  demand: (query: string) => ['demand', query] as const,
  measures: (query: string) => ['measures', query] as const,
};

export const useMe = (enabled = true) =>
  useQuery({ queryKey: keys.me, queryFn: () => api<Me>('/api/console/me'), staleTime: 5 * 60_000, enabled });

export const useServices = () =>
  useQuery({
    queryKey: keys.services,
    queryFn: () => api<{ services: ServiceOption[] }>('/api/console/services').then((body) => body.services),
    staleTime: 60 * 60_000,
  });

export const useResidentSearch = (q: string) =>
  useQuery({
    queryKey: keys.residents(q),
    queryFn: () => api<ResidentSearch>(`/api/console/residents?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length > 0,
  });

export const useTimeline = (key: string) =>
  useQuery({ queryKey: keys.timeline(key), queryFn: () => api<ResidentTimeline>(`/api/console/residents/${encodeURIComponent(key)}/timeline`) });

/** The case and its clock, read again about every 30 seconds (while the tab is visible). */
export const useCase = (reference: string) =>
  useQuery({
    queryKey: keys.case(reference),
    queryFn: () => api<CaseView>(`/api/console/cases/${encodeURIComponent(reference)}`),
    refetchInterval: 30_000,
  });

/** The live feed, polled every 10 seconds; TanStack Query pauses it while the tab is hidden. */
export const useFeed = () =>
  useQuery({
    queryKey: keys.feed,
    queryFn: () => api<Feed>('/api/console/feed?limit=50'),
    refetchInterval: 10_000,
    refetchIntervalInBackground: false,
  });

// ---- Service teams (issue 10, item 2) ------------------------------------------------------------

/**
 * A team's worklist (the person's only team when `team` is empty; nothing while it is undefined),
 * read again every 30 seconds while the tab is visible.
 */
export const useWorklist = (team: string | undefined) =>
  useQuery({
    queryKey: keys.worklist(team ?? ''),
    queryFn: () => api<Worklist>(`/api/console/worklist${team ? `?team=${encodeURIComponent(team)}` : ''}`),
    enabled: team !== undefined,
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });

// ---- Service levels (issue 10, item 1) -----------------------------------------------------------

/** The cases at risk and in breach now, for a query string of filters ('' or '?team=...'), read again every 30 seconds while the tab is visible. */
export const useServiceLevels = (query: string) =>
  useQuery({
    queryKey: keys.serviceLevels(query),
    queryFn: () => api<ServiceLevels>(`/api/console/service-levels${query}`),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });

// ---- Demand (issue 10, item 4) ------------------------------------------------------------------

/** The demand analysis (managers): the top services by failure demand with their examples. */
export const useDemand = (query: string, enabled = true) =>
  useQuery({ queryKey: keys.demand(query), queryFn: () => api<DemandReport>(`/api/console/demand?${query}`), enabled });

/** The measures over periods (managers), for the demand view's value and failure demand over time. */
export const useMeasuresSeries = (query: string, enabled = true) =>
  useQuery({ queryKey: keys.measures(query), queryFn: () => api<PerformanceReport>(`/api/console/measures?${query}`), enabled });
