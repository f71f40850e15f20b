import type { OperationKind } from '@caliu/common';
import { deleteCaseFiles } from '../../../commands/delete-case-files';
import { massTransfer } from '../../../commands/mass-transfer';
import { newProfessional } from '../../../commands/new-professional';
import { mergeCaseFiles } from '../../../commands/merge-case-files';
import { mergePersons } from '../../../commands/merge-persons';
import type { Operation } from './plan';

/**
 * The operations built so far, by ticket kind (common's OPERATIONS_AVAILABLE lists the same kinds
 * for the console). A kind missing here has no operation yet: its ticket is answered in words.
 */
export const OPERATIONS: Partial<{ [K in OperationKind]: Operation<K> }> = {
  delete_case_files: deleteCaseFiles,
  mass_transfer: massTransfer,
  new_professional: newProfessional,
  merge_case_files: mergeCaseFiles,
  merge_persons: mergePersons,
};

/** Whether a ticket of this kind carries an operation that can run. */
export const hasOperation = (kind: string): boolean => kind in OPERATIONS;
