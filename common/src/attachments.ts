import { z } from 'zod';
import { MOVABLE_KINDS } from './case-content';
import { textField } from './text';

/**
 * Attachments (issue 17, docs/decisions/0007-attachments.md): files on a person record, a case
 * file or an item of its content, stored in PostgreSQL in chunks behind their record's walls.
 * An upload is three kinds of request — create (`uploading`), one PUT per chunk in order, complete
 * (checksum compared, then `ready`: the one moment it becomes visible) — so no request holds a
 * transaction open while a tablet sends slowly.
 */

/** What an attachment belongs to. Items are the content kinds a professional records. */
export const ATTACHMENT_ITEM_KINDS = [...MOVABLE_KINDS, 'plan'] as const;
export type AttachmentItemKind = (typeof ATTACHMENT_ITEM_KINDS)[number];

/** The types accepted, decided from the file's content (never its name). */
export const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** Shown in the console as a preview (fetched into a blob), not only offered as a download. */
export const PREVIEWABLE_MEDIA_TYPES: readonly AttachmentMediaType[] = ['image/jpeg', 'image/png'];

/** The standard document categories every entity starts with (catalogue `document_category`). */
export const DOCUMENT_CATEGORIES = [
  'identity',
  'health',
  'education',
  'economic',
  'legal',
  'consent',
  'other',
] as const;
/** The category whose documents on a person follow basic data, not the full record. */
export const IDENTITY_CATEGORY = 'identity';

/** One chunk, the unit of a PUT: each in its own short transaction. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** Default limit of one file (the server's CALIU_ATTACHMENT_MAX_BYTES overrides it). */
export const ATTACHMENT_DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_TITLE_MAX = 200;
export const ATTACHMENT_FILE_NAME_MAX = 255;
/** An upload left `uploading` this long after its last chunk is abandoned and removed. */
export const ATTACHMENT_ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** The uploader may delete their own attachment within this time; later, a coordinator. */
export const ATTACHMENT_OWN_DELETE_MS = 24 * 60 * 60 * 1000;

/**
 * How many uploads one professional may have in progress at once (each counts in the entity's
 * quota only by what it has received: this cap bounds the rest).
 */
export const ATTACHMENT_MAX_UPLOADS_IN_PROGRESS = 5;

/** A deleted attachment is gone (its audit row keeps the trace): there is no `deleted` state. */
export const ATTACHMENT_STATES = ['uploading', 'ready'] as const;
export type AttachmentState = (typeof ATTACHMENT_STATES)[number];

const uuid = z.uuid();

/** Exactly one owner: a person, a case file, or an item of a case file's content. */
export const attachmentOwnerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person'), personId: uuid }).strict(),
  z.object({ type: z.literal('case_file'), caseFileId: uuid }).strict(),
  z
    .object({
      type: z.literal('item'),
      caseFileId: uuid,
      itemKind: z.enum(ATTACHMENT_ITEM_KINDS),
      itemId: uuid,
    })
    .strict(),
]);
export type AttachmentOwner = z.infer<typeof attachmentOwnerSchema>;

/** The fields each kind of owner takes (and no other). */
const OWNER_FIELDS = {
  person: ['personId'],
  case_file: ['caseFileId'],
  item: ['caseFileId', 'itemKind', 'itemId'],
} as const;
const OWNER_FIELD_NAMES = ['personId', 'caseFileId', 'itemKind', 'itemId'] as const;

/**
 * The owner as a request sends it: the same shapes as attachmentOwnerSchema, read as one object
 * whose fields the kind requires, so that a refusal names the field at fault (a union would only
 * say that the owner matches none of its shapes). Parsed, it is an AttachmentOwner.
 */
export const attachmentOwnerInputSchema = z
  .object({
    type: z.enum(['person', 'case_file', 'item']),
    personId: uuid.optional(),
    caseFileId: uuid.optional(),
    itemKind: z.enum(ATTACHMENT_ITEM_KINDS).optional(),
    itemId: uuid.optional(),
  })
  .strict()
  .superRefine((owner, context) => {
    const wanted: readonly string[] = OWNER_FIELDS[owner.type];
    for (const field of OWNER_FIELD_NAMES) {
      const given = owner[field] !== undefined;
      if (given !== wanted.includes(field)) {
        context.addIssue({
          code: 'custom',
          path: [field],
          params: { i18n: given ? 'owner_field_unexpected' : 'owner_field_required' },
        });
      }
    }
  })
  .transform((owner) => attachmentOwnerSchema.parse(owner));

export const createAttachmentSchema = z
  .object({
    owner: attachmentOwnerInputSchema,
    title: textField().trim().min(1).max(ATTACHMENT_TITLE_MAX),
    /** A `document_category` catalogue entry of the entity. */
    categoryId: uuid,
    /** The date of the document (not of the upload); not in the future. */
    documentDate: z.iso.date(),
    fileName: textField().trim().min(1).max(ATTACHMENT_FILE_NAME_MAX),
    /** Bytes, as the browser reads the file; checked against the limits before anything is sent. */
    size: z.number().int().min(1),
  })
  .strict();
export type CreateAttachment = z.infer<typeof createAttachmentSchema>;

export const attachmentParamsSchema = z.object({ attachmentId: uuid });
export const chunkParamsSchema = z.object({
  attachmentId: uuid,
  index: z.coerce.number().int().min(0),
});

export const completeAttachmentSchema = z
  .object({
    /** SHA-256 of the whole file, hex, computed by the browser. */
    sha256: textField().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type CompleteAttachment = z.infer<typeof completeAttachmentSchema>;

/**
 * A yes/no of a query string: `true` or `false` (z.coerce.boolean would read `false` as true).
 */
const queryFlag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

/** The list of a record's attachments: by owner, optionally one category. */
export const attachmentListQuerySchema = z
  .object({
    ownerType: z.enum(['person', 'case_file', 'item']),
    /** The person's or the case file's id. */
    ownerId: uuid,
    itemKind: z.enum(ATTACHMENT_ITEM_KINDS).optional(),
    itemId: uuid.optional(),
    /** With a case file: its own attachments and those of every item of its content. */
    includeItems: queryFlag,
    /** Also the caller's own uploads still in progress (to resume or cancel them). */
    includeUploading: queryFlag,
    categoryId: uuid.optional(),
  })
  .strict();
export type AttachmentListQuery = z.infer<typeof attachmentListQuerySchema>;

const named = z.object({ id: z.uuid(), name: z.string() });

export const attachmentSchema = z.object({
  id: z.uuid(),
  owner: attachmentOwnerSchema,
  title: z.string(),
  category: z.object({ id: z.uuid(), code: z.string(), label: z.string() }),
  documentDate: z.iso.date(),
  fileName: z.string(),
  /** Decided from the content; null while uploading and nothing has arrived yet. */
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES).nullable(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  state: z.enum(ATTACHMENT_STATES),
  uploadedBy: named.nullable(),
  createdAt: z.iso.datetime(),
  /** Chunks stored so far (uploading). */
  receivedBytes: z.number().int(),
  chunkBytes: z.number().int(),
  can: z.object({ delete: z.boolean() }),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  items: z.array(attachmentSchema),
  /**
   * What the caller may do on this owner, by kind of category (`identity` or any other), by the
   * same predicates as the list and the creation: on a person, identity documents follow basic
   * data, the others the content of a case file holding them (attaching: an open one); on a case
   * file or an item, both are the case file's content (attaching: open).
   */
  can: z.object({
    viewIdentity: z.boolean(),
    viewOther: z.boolean(),
    attachIdentity: z.boolean(),
    attachOther: z.boolean(),
  }),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;
