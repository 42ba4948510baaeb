import type { ErrorIssue } from '@crm/contracts';
import { z } from 'zod';
import type { Locale } from '../i18n';

type Issue = z.core.$ZodIssue;

const russian = z.locales.ru().localeError;

function russianMessage(issue: Issue): string {
  if (issue.code === 'invalid_type') {
    // Issues carry no input after parsing; take the received type from the English message.
    const received = /received (\w+)$/.exec(issue.message)?.[1];
    const expected = issue.expected === 'number' ? 'число' : issue.expected === 'array' ? 'массив' : issue.expected;
    return received === 'undefined'
      ? `Обязательное поле: ожидалось ${expected}`
      : `Неверный ввод: ожидалось ${expected}${received ? `, получено ${received}` : ''}`;
  }
  const text = russian(issue as unknown as z.core.$ZodRawIssue);
  return typeof text === 'string' ? text : (text?.message ?? issue.message);
}

/** Zod issues as the API reports them: a path and a message in the caller's language. */
export function formatIssues(issues: readonly Issue[], locale: Locale): ErrorIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    // Our own refinements already say what is wrong in words meant for people.
    message: locale === 'ru' && issue.code !== 'custom' ? russianMessage(issue) : issue.message,
  }));
}
