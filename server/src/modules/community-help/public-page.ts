import {
  HELP_TYPES,
  HELP_URGENCIES,
  type HelpPublicState,
  type Language,
  LANGUAGES,
  PARTS_OF_DAY,
} from '@caliu/common';
import { translator } from '../../platform/i18n';
import type { HelpEntity, HelpField, HelpFieldErrors } from './public-intake';

/**
 * The public help form's pages (issue 22), plain HTML written by the server: they work with
 * JavaScript off, in any browser, framed in a council's portal. The script
 * (`/help/form.js`) only improves the form: the proof of work and no page reload.
 */

/** Each language written in itself (the switch and the preferred-language choice). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ca: 'Català',
  es: 'Español',
  it: 'Italiano',
  en: 'English',
};

export const HELP_FORM_SCRIPT_PATH = '/help/form.js';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
const e = escapeHtml;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
main{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.75rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
a{color:#0b4f8a}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
nav a[aria-current]{font-weight:700;text-decoration:none;color:#1b1b1b}
fieldset{border:1px solid #8a8a8a;border-radius:4px;margin:1rem 0;padding:.75rem 1rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.field{margin:.9rem 0}
label{display:block;font-weight:600;margin-bottom:.25rem}
.choice{display:flex;align-items:center;gap:.5rem;margin:.3rem 0}
.choice label{display:inline;font-weight:400;margin:0}
input[type=text],input[type=tel],input[type=email],input[type=date],select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #5c5c5c;border-radius:4px;background:#fff;color:#1b1b1b}
textarea{min-height:7rem}
input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;flex:none}
.hint{color:#4a4a4a;margin:.2rem 0 .4rem}
.error{color:#a4000f;font-weight:600;margin:.2rem 0 .4rem}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:#a4000f;border-width:2px}
.summary{border:3px solid #a4000f;border-radius:4px;padding:.75rem 1rem;margin:1rem 0}
.summary h2{margin-top:0}
.notice{border-left:4px solid #0b4f8a;padding:.5rem 1rem;background:#eef4fa}
button{font:inherit;font-weight:700;padding:.7rem 1.4rem;border:0;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer}
button[disabled]{background:#5c5c5c}
:focus-visible{outline:3px solid #c55a00;outline-offset:2px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.req{color:#a4000f}
.reference{font-size:1.5rem;font-weight:700;white-space:nowrap}
.status-link{word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}
dt{font-weight:700}
dd{margin:0}
`;

function page(language: Language, title: string, body: string, script = false): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${STYLE}</style>
${script ? `<script src="${HELP_FORM_SCRIPT_PATH}" defer></script>` : ''}
</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

function languageSwitch(language: Language, path: string): string {
  const t = translator(language);
  const items = LANGUAGES.map((lng) =>
    lng === language
      ? `<li><a href="${e(path)}?lang=${lng}" lang="${lng}" hreflang="${lng}" aria-current="page">${LANGUAGE_NAMES[lng]}</a></li>`
      : `<li><a href="${e(path)}?lang=${lng}" lang="${lng}" hreflang="${lng}">${LANGUAGE_NAMES[lng]}</a></li>`,
  ).join('');
  return `<nav aria-label="${e(t('community_help.page.languages'))}"><ul>${items}</ul></nav>`;
}

export type FormValues = Partial<Record<HelpField, string>>;

export type FormPageInput = {
  entity: HelpEntity;
  language: Language;
  values: FormValues;
  errors: HelpFieldErrors;
  /** A message about the whole form (a token refused, too many requests). */
  notice?: string | null;
  formToken: string;
};

/** The id of the control an error links to (a group's: its first choice). */
function controlId(field: HelpField): string {
  switch (field) {
    case 'helpType':
      return `f-helpType-${HELP_TYPES[0]}`;
    case 'when':
      return 'f-when-asap';
    case 'urgency':
      return `f-urgency-${HELP_URGENCIES[0]}`;
    case 'language':
      return `f-language-${LANGUAGES[0]}`;
    default:
      return `f-${field}`;
  }
}

/** The help form: every field with its label, hint and (after a post) its error beside it. */
export function renderFormPage(input: FormPageInput): string {
  const { entity, language, values, errors } = input;
  const t = translator(language);
  const p = (key: string, params: Record<string, string> = {}) =>
    t(`community_help.page.${key}`, params);
  const err = (field: HelpField) =>
    errors[field] ? t(`community_help.errors.${errors[field]}`) : null;
  const v = (field: HelpField) => values[field] ?? '';
  const required = `<span class="req" aria-hidden="true"> *</span>`;
  const labels: Record<HelpField, string> = {
    name: p('name'),
    phone: p('phone'),
    email: p('email'),
    address: p('address'),
    municipalityId: p('municipality'),
    helpType: p('help_type'),
    when: p('when'),
    neededOn: p('needed_on'),
    neededPart: p('needed_part'),
    urgency: p('urgency'),
    description: p('description'),
    language: p('language'),
    consent: p('consent_legend'),
  };

  const errorLine = (field: HelpField) =>
    err(field) ? `<p class="error" id="f-${field}-error">${e(err(field)!)}</p>` : '';
  const describedBy = (field: HelpField, hint?: string) => {
    const ids = [hint, err(field) ? `f-${field}-error` : null].filter(Boolean);
    return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
  };
  const invalid = (field: HelpField) => (err(field) ? ' aria-invalid="true"' : '');

  const textInput = (
    field: HelpField,
    type: string,
    options: { required?: boolean; autocomplete?: string; hint?: string; max?: number } = {},
  ) => `<div class="field" data-field="${field}">
<label for="f-${field}">${e(labels[field])}${options.required ? required : ''}</label>
${errorLine(field)}<input id="f-${field}" name="${field}" type="${type}" value="${e(v(field))}"${
    options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''
  }${options.max ? ` maxlength="${options.max}"` : ''}${options.required ? ' required aria-required="true"' : ''}${describedBy(field, options.hint)}${invalid(field)}>
</div>`;

  const radios = (
    field: HelpField,
    choices: readonly { value: string; label: string; lang?: string }[],
    chosen: string,
  ) => `<fieldset data-field="${field}"${describedBy(field)}>
<legend>${e(labels[field])}${required}</legend>
${errorLine(field)}${choices
    .map(
      (c) =>
        `<div class="choice"><input type="radio" id="f-${field}-${c.value}" name="${field}" value="${c.value}"${
          chosen === c.value ? ' checked' : ''
        }${invalid(field)}><label for="f-${field}-${c.value}"${c.lang ? ` lang="${c.lang}"` : ''}>${e(c.label)}</label></div>`,
    )
    .join('\n')}
</fieldset>`;

  const summary = Object.keys(errors).length
    ? `<div class="summary" id="error-summary" role="alert" tabindex="-1">
<h2>${e(p('errors_title'))}</h2>
<ul>${(Object.keys(errors) as HelpField[])
        .map((f) => `<li><a href="#${controlId(f)}">${e(labels[f])}: ${e(err(f)!)}</a></li>`)
        .join('')}</ul>
</div>`
    : '';
  const notice = input.notice
    ? `<div class="summary" id="form-notice" role="alert" tabindex="-1"><p>${e(input.notice)}</p></div>`
    : '';
  const action = `/help/${encodeURIComponent(entity.code)}`;
  const municipalities = entity.municipalities
    .map(
      (m) =>
        `<option value="${e(m.id)}"${v('municipalityId') === m.id ? ' selected' : ''}>${e(m.name)}</option>`,
    )
    .join('');
  const when = v('when') || 'asap';
  const part = v('neededPart');

  const body = `${languageSwitch(language, action)}
<h1>${e(p('title'))}</h1>
<p>${e(p('intro', { entityName: entity.name }))}</p>
<p>${e(p('required_note'))}</p>
<div id="form-messages">${notice}${summary}</div>
<form id="help-form" method="post" action="${e(action)}?lang=${language}" novalidate
  data-api="/api/public/help/${e(encodeURIComponent(entity.code))}" data-lang="${language}"
  data-sending="${e(p('sending'))}" data-network-error="${e(p('network_error'))}"
  data-errors-title="${e(p('errors_title'))}">
<input type="hidden" name="formToken" value="${e(input.formToken)}">
<fieldset>
<legend>${e(p('section_who'))}</legend>
${textInput('name', 'text', { required: true, autocomplete: 'name', max: 200 })}
<p class="hint" id="contact-hint">${e(p('contact_hint'))}</p>
${textInput('phone', 'tel', { autocomplete: 'tel', hint: 'contact-hint', max: 30 })}
${textInput('email', 'email', { autocomplete: 'email', hint: 'contact-hint', max: 254 })}
<div class="field" data-field="address">
<label for="f-address">${e(labels.address)}${required}</label>
${errorLine('address')}<textarea id="f-address" name="address" rows="2" maxlength="300" autocomplete="street-address" required aria-required="true"${describedBy('address')}${invalid('address')}>${e(v('address'))}</textarea>
</div>
<div class="field" data-field="municipalityId">
<label for="f-municipalityId">${e(labels.municipalityId)}${required}</label>
${errorLine('municipalityId')}<select id="f-municipalityId" name="municipalityId" required aria-required="true"${describedBy('municipalityId')}${invalid('municipalityId')}>
<option value="">${e(p('municipality_choose'))}</option>${municipalities}
</select>
</div>
</fieldset>
<fieldset>
<legend>${e(p('section_what'))}</legend>
${radios(
  'helpType',
  HELP_TYPES.map((k) => ({ value: k, label: p(`help_types.${k}`) })),
  v('helpType'),
)}
<fieldset data-field="when"${describedBy('when')}>
<legend>${e(labels.when)}${required}</legend>
${errorLine('when')}<div class="choice"><input type="radio" id="f-when-asap" name="when" value="asap"${when === 'asap' ? ' checked' : ''}${invalid('when')}><label for="f-when-asap">${e(p('when_asap'))}</label></div>
<div class="choice"><input type="radio" id="f-when-date" name="when" value="date"${when === 'date' ? ' checked' : ''}${invalid('when')}><label for="f-when-date">${e(p('when_date'))}</label></div>
${textInput('neededOn', 'date', {})}
<div class="field" data-field="neededPart">
<label for="f-neededPart">${e(labels.neededPart)}</label>
${errorLine('neededPart')}<select id="f-neededPart" name="neededPart"${describedBy('neededPart')}${invalid('neededPart')}>
<option value="">${e(p('part_choose'))}</option>${PARTS_OF_DAY.map(
    (k) => `<option value="${k}"${part === k ? ' selected' : ''}>${e(p(`parts.${k}`))}</option>`,
  ).join('')}
</select>
</div>
</fieldset>
${radios(
  'urgency',
  HELP_URGENCIES.map((k) => ({ value: k, label: p(`urgencies.${k}`) })),
  v('urgency'),
)}
<div class="field" data-field="description">
<label for="f-description">${e(labels.description)}${required}</label>
${errorLine('description')}<textarea id="f-description" name="description" rows="5" maxlength="2000" required aria-required="true"${describedBy('description')}${invalid('description')}>${e(v('description'))}</textarea>
</div>
${radios(
  'language',
  LANGUAGES.map((k) => ({ value: k, label: LANGUAGE_NAMES[k], lang: k })),
  v('language') || language,
)}
</fieldset>
<fieldset data-field="consent"${describedBy('consent', 'consent-text')}>
<legend>${e(labels.consent)}${required}</legend>
<p id="consent-text">${e(p('consent_text', { entityName: entity.name }))}</p>
${errorLine('consent')}<div class="choice"><input type="checkbox" id="f-consent" name="consent" value="on"${
    v('consent') === 'on' ? ' checked' : ''
  } required aria-required="true"${invalid('consent')}${err('consent') ? ' aria-describedby="f-consent-error"' : ''}><label for="f-consent">${e(p('consent'))}</label></div>
</fieldset>
<div class="hp" aria-hidden="true"><label for="f-website">${e(p('honeypot'))}</label><input type="text" id="f-website" name="website" value="" tabindex="-1" autocomplete="off"></div>
<p id="form-progress" role="status" aria-live="polite"></p>
<button type="submit">${e(p('submit'))}</button>
</form>
<template id="help-success">${successBody(language, entity, '', '')}</template>`;
  return page(language, `${p('title')} · ${entity.name}`, body, true);
}

function successBody(
  language: Language,
  entity: HelpEntity,
  reference: string,
  statusUrl: string,
): string {
  const t = translator(language);
  const p = (key: string) => t(`community_help.page.${key}`);
  const [before, after] = t('community_help.page.success_text', { reference: '\u0000' }).split(
    '\u0000',
  );
  return `<h1 id="success-title" tabindex="-1">${e(p('success_title'))}</h1>
<p>${e(before ?? '')}<span class="reference" data-slot="reference">${e(reference)}</span>${e(after ?? '')}</p>
<p>${e(p('success_status'))}</p>
<p class="status-link"><a data-slot="status" href="${e(statusUrl)}">${e(statusUrl)}</a></p>
<p>${e(p('success_email'))}</p>
<p><a href="/help/${e(encodeURIComponent(entity.code))}?lang=${language}">${e(p('another'))}</a></p>`;
}

/** After a post: the reference and the status page's address. */
export function renderSuccessPage(
  entity: HelpEntity,
  language: Language,
  reference: string,
  statusUrl: string,
): string {
  const t = translator(language);
  return page(
    language,
    `${t('community_help.page.success_title')} · ${entity.name}`,
    successBody(language, entity, reference, statusUrl),
  );
}

/** The status page: the reference, when it was sent, its state; nothing personal. */
export function renderStatusPage(
  entity: HelpEntity,
  language: Language,
  status: { reference: string; state: HelpPublicState; submittedAt: Date } | null,
  timeZone: string,
): string {
  const t = translator(language);
  const p = (key: string) => t(`community_help.page.${key}`);
  const body = status
    ? `<h1>${e(p('status_title'))}</h1>
<dl>
<dt>${e(p('status_reference'))}</dt><dd>${e(status.reference)}</dd>
<dt>${e(p('status_submitted'))}</dt><dd>${e(
        new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone }).format(
          status.submittedAt,
        ),
      )}</dd>
<dt>${e(p('status_state'))}</dt><dd><strong id="help-state" data-state="${status.state}">${e(
        p(`states.${status.state}`),
      )}</strong></dd>
</dl>`
    : `<h1>${e(p('status_title'))}</h1><p>${e(p('status_not_found'))}</p>`;
  return page(language, `${p('status_title')} · ${entity.name}`, body);
}

/** No form at this address (an unknown entity). */
export function renderNotFoundPage(language: Language): string {
  const t = translator(language);
  return page(
    language,
    t('community_help.page.not_found_title'),
    `<h1>${e(t('community_help.page.not_found_title'))}</h1>
<p>${e(t('community_help.page.not_found_text'))}</p>`,
  );
}

/** Too many requests from this address (or for this email): how long to wait. */
export function renderThrottledPage(
  entity: HelpEntity,
  language: Language,
  message: string,
): string {
  const t = translator(language);
  return page(
    language,
    `${t('community_help.page.throttled_title')} · ${entity.name}`,
    `<h1>${e(t('community_help.page.throttled_title'))}</h1>
<p>${e(message)}</p>
<p><a href="/help/${e(encodeURIComponent(entity.code))}?lang=${language}">${e(
      t('community_help.page.another'),
    )}</a></p>`,
  );
}
