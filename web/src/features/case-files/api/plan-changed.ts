import { useQueryClient } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import type { Plan } from '@caliu/common';
import { plansKey, timelineKey } from './keys';
import type { listPlans } from './plan-list';

type PlanPage = Awaited<ReturnType<typeof listPlans>>;

/**
 * After a plan was started or changed: the list shows the answer at once (a plan the list
 * does not hold yet — a new one — is read with it), and the timeline is read again. Neither the header nor
 * the interventions change with a plan.
 */
export function usePlanChanged() {
  const queryClient = useQueryClient();
  return async (plan: Plan) => {
    let held = false;
    queryClient.setQueryData<InfiniteData<PlanPage>>(plansKey(plan.caseFileId), (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => {
                if (item.id !== plan.id) return item;
                held = true;
                return plan;
              }),
            })),
          }
        : data,
    );
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: timelineKey(plan.caseFileId) }),
      ...(held ? [] : [queryClient.invalidateQueries({ queryKey: plansKey(plan.caseFileId) })]),
    ]);
  };
}
