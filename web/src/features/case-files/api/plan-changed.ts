import { useQueryClient } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import type { Plan } from '@caliu/common';
import { contentKey, plansKey } from './keys';
import type { listPlans } from './plan-list';

type PlanPage = Awaited<ReturnType<typeof listPlans>>;

/**
 * After a plan was started or changed: the list shows the answer at once, and the case file's
 * content (its plans, its timeline whatever its filters) is read again. Neither the header nor
 * the interventions change with a plan.
 */
export function usePlanChanged() {
  const queryClient = useQueryClient();
  return async (plan: Plan) => {
    queryClient.setQueryData<InfiniteData<PlanPage>>(plansKey(plan.caseFileId), (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === plan.id ? plan : item)),
            })),
          }
        : data,
    );
    await queryClient.invalidateQueries({ queryKey: contentKey(plan.caseFileId) });
  };
}
