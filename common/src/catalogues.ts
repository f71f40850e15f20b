import { z } from 'zod';
import { CATALOGUES } from './case-files';
import { LANGUAGES } from './languages';
import { textField } from './text';

/**
 * Catalogue administration: the administrator's view of the entity's catalogues (problems,
 * demands, intervention types, resources, procedure types, closing reasons) and what adding or
 * changing an entry sends. The pickers read `GET /api/catalogues/:catalogue` (case-files.ts).
 *
 * An entry's code is its stable identity (statistics and exports group by it, the translation
 * files name the standard entries by it): it is chosen once, at creation, and never changes.
 * An entry in use is retired, not deleted: it is no longer offered for new records, and the
 * records that use it keep showing it.
 */

/** An entry's code: lower-case letters, digits and underscores (catalogue_items' CHECK). */
export const CATALOGUE_CODE_PATTERN = /^[a-z0-9_]{1,40}$/;
/** The code of the region's official classification (catalogue_items' CHECK). */
export const OFFICIAL_CODE_PATTERN = /^[A-Za-z0-9._/-]{1,20}$/;
export const CATALOGUE_LABEL_MAX = 200;
export const CATALOGUE_POSITION_MAX = 9999;
/** A catalogue holds at most this many entries: small enough to list in one answer. */
export const CATALOGUE_MAX_ENTRIES = 300;
/**
 * Below this many records, how many use an entry is not said (DESIGN.md: aggregates that may
 * include SIAD records mask counts below 5); only that some do.
 */
export const CATALOGUE_USES_MASK = 5;

const label = textField().trim().min(1).max(CATALOGUE_LABEL_MAX);

/** An entry's label in each of the console's languages. */
export const catalogueLabelsSchema = z.object({ ca: label, es: label, it: label, en: label });
export type CatalogueLabels = z.infer<typeof catalogueLabelsSchema>;

const officialCode = textField()
  .trim()
  .refine((value) => OFFICIAL_CODE_PATTERN.test(value), { params: { i18n: 'official_code' } })
  .nullable()
  .optional();
const position = z.number().int().min(0).max(CATALOGUE_POSITION_MAX);

/**
 * A new entry: its code, its label in all four languages (a new code has no standard wording to
 * fall back on, and every professional reads the console in their own language), optionally the
 * official code and its place in the list (by default, the end).
 */
export const catalogueEntryInputSchema = z
  .object({
    code: textField()
      .trim()
      .refine((value) => CATALOGUE_CODE_PATTERN.test(value), {
        params: { i18n: 'catalogue_code' },
      }),
    labels: catalogueLabelsSchema.strict(),
    officialCode,
    position: position.optional(),
  })
  .strict();
export type CatalogueEntryInput = z.infer<typeof catalogueEntryInputSchema>;

/** A change of an entry: the labels given (the others stay), official code, position. */
export const catalogueEntryPatchSchema = z
  .object({
    labels: catalogueLabelsSchema.partial().strict().optional(),
    officialCode,
    position: position.optional(),
  })
  .strict();
export type CatalogueEntryPatch = z.infer<typeof catalogueEntryPatchSchema>;

/** An entry as the administrator sees it. */
export const catalogueAdminEntrySchema = z.object({
  id: z.uuid(),
  catalogue: z.enum(CATALOGUES),
  code: z.string(),
  /** The label in every language, as the console shows it. */
  labels: z.object({ ca: z.string(), es: z.string(), it: z.string(), en: z.string() }),
  /**
   * The languages whose label is the entity's own; the others show Caliu's standard wording for
   * the code (a standard entry), which an edit that repeats it goes back to.
   */
  ownLabels: z.array(z.enum(LANGUAGES)),
  officialCode: z.string().nullable(),
  position: z.number().int(),
  /** False once retired: no longer offered for new records; old ones still show it. */
  active: z.boolean(),
  /** Whether any record (of any case file, whoever may see it) uses the entry. */
  inUse: z.boolean(),
  /** How many records use it; null when fewer than CATALOGUE_USES_MASK but some do. */
  uses: z.number().int().nullable(),
  /** What the administrator may do with it now (the API enforces it regardless). */
  can: z.object({ delete: z.boolean(), retire: z.boolean() }),
});
export type CatalogueAdminEntry = z.infer<typeof catalogueAdminEntrySchema>;

export const catalogueAdminListSchema = z.object({ items: z.array(catalogueAdminEntrySchema) });
export type CatalogueAdminList = z.infer<typeof catalogueAdminListSchema>;

export const catalogueEntryParamsSchema = z.object({
  catalogue: z.enum(CATALOGUES),
  id: z.uuid(),
});
