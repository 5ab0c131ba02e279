import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { fieldReason } from './fieldReason';
import { errorText } from './states';

/** Turns an API field path (`figures.rotated`, `milestones[0].dueDate`) into an antd name path. */
export function namePath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * The API's 400 names fields in details[].field: each goes beside its field, whatever the form does not
 * have goes in one Alert above it. Old errors clear on every submit; the form keeps what was typed.
 */
export function useServerErrors(form: FormInstance, map: (field: string) => string | undefined = (f) => f) {
  const [general, setGeneral] = useState<string | null>(null);
  const clear = () => {
    setGeneral(null);
    const withErrors = form.getFieldsError().filter((f) => f.errors.length);
    form.setFields(withErrors.map((f) => ({ name: f.name, errors: [] })));
  };
  const show = (error: unknown) => {
    const unmatched: string[] = [];
    if (error instanceof ApiError && error.body.details?.length) {
      const fields: Array<{ name: (string | number)[]; errors: string[] }> = [];
      const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
      for (const d of error.body.details) {
        const mapped = map(d.field);
        const name = mapped ? namePath(mapped) : undefined;
        if (name && registered.has(JSON.stringify(name))) fields.push({ name, errors: [fieldReason(d.field, d.message)] });
        else unmatched.push(d.message);
      }
      form.setFields(fields);
      setGeneral(unmatched.length || !fields.length ? [error.body.message, ...unmatched].filter(Boolean).join('；') : null);
    } else setGeneral(errorText(error));
  };
  const alert = general ? <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" /> : null;
  return { clear, show, alert };
}
