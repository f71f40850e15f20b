/** The query keys of coordinator requests. */
export const coordinatorRequestsKey = ['coordinator-requests'] as const;
export const coordinatorsKey = [...coordinatorRequestsKey, 'coordinators'] as const;
