// The content workflow (seed §2 gtm_outputs.status): the one place its transitions are decided.
export const gtmStatuses = ['draft', 'pending_review', 'approved', 'published', 'archived'] as const;
export type GtmStatus = (typeof gtmStatuses)[number];

const transitions: Record<GtmStatus, readonly GtmStatus[]> = {
  draft: ['pending_review', 'approved', 'archived'],
  pending_review: ['draft', 'approved', 'archived'],
  approved: ['draft', 'pending_review', 'published', 'archived'],
  published: ['archived'],
  archived: ['draft'],
};

export function canTransition(from: GtmStatus, to: GtmStatus): boolean {
  return from === to || transitions[from].includes(to);
}

export const allowedTransitions = (from: GtmStatus): readonly GtmStatus[] => transitions[from];
