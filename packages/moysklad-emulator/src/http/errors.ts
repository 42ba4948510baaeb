/** MoySklad's error body: `{ errors: [{ error, code, parameter?, moreInfo }] }` with a status. */
export interface ErrorItem {
  error: string;
  code: number;
  parameter?: string;
  moreInfo: string;
}

export class ApiError extends Error {
  readonly errors: ErrorItem[];

  constructor(
    readonly status: number,
    code: number,
    message: string,
    parameter?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.errors = [
      {
        error: message,
        code,
        parameter,
        moreInfo: `https://dev.moysklad.ru/doc/api/remap/1.2/#error_${code}`,
      },
    ];
  }

  body(): { errors: ErrorItem[] } {
    return { errors: this.errors };
  }
}

/** The errors the read side raises, with MoySklad's codes and wording. */
export const errors = {
  notFound: (type: string, id: string) =>
    new ApiError(404, 1021, `Объект с типом '${type}' и идентификатором '${id}' не найден`),
  unknownPath: (path: string) => new ApiError(404, 1002, `Неопознанный путь: ${path}`),
  methodNotAllowed: (method: string) =>
    new ApiError(405, 1039, `Операция ${method} не поддерживается для данного ресурса`),
  filter: (message: string) => new ApiError(412, 1034, `Ошибка фильтрации: ${message}`),
  filterValue: (value: string, field: string) =>
    new ApiError(412, 1014, `Неверное значение '${value}' параметра фильтрации '${field}'`, field),
  filterDate: (field: string) =>
    new ApiError(412, 1035, 'Ошибка фильтрации: неверный формат даты параметра фильтрации', field),
  filterEnum: (value: string, field: string, allowed: readonly string[]) =>
    new ApiError(
      412,
      1041,
      `Неверное значение '${value}' параметра фильтрации '${field}', допустимые значения: '${allowed.join(', ')}'`,
      field,
    ),
  order: (field: string) =>
    new ApiError(
      412,
      1063,
      `Ошибка сортировки: неизвестное поле '${field}' или сортировка для данного поля не поддерживается`,
      'order',
    ),
  orderDirection: (value: string) =>
    new ApiError(
      412,
      1042,
      `Неверное значение '${value}' параметра сортировки 'order', допустимые значения: 'asc, desc'`,
      'order',
    ),
  parameter: (value: string, name: string, allowed: string) =>
    new ApiError(
      412,
      1084,
      `Неверное значение '${value}' параметра запроса '${name}', допустимые значения: '${allowed}'`,
      name,
    ),
  fieldsOnlyOne: () =>
    new ApiError(
      412,
      3042,
      'Ошибка валидации: в запросе допускается только одно поле fields',
      'fields',
    ),
  fieldsInvalid: (value: string) =>
    new ApiError(
      412,
      3043,
      `Ошибка валидации: недопустимые значения параметра fields: ${value}`,
      'fields',
    ),
  expandNotSupported: (path: string) =>
    new ApiError(412, 1089, `Expand поля ${path} не поддерживается`, 'expand'),
  noUserInfo: () =>
    new ApiError(403, 1085, 'Используемый тип авторизации не содержит информацию о пользователе'),
  forbidden: () =>
    new ApiError(403, 1016, 'Доступ запрещен: у вас нет прав на просмотр данного объекта'),
  badJson: () =>
    new ApiError(400, 2001, 'Ошибка формата: входящий запрос не соответствует формату JSON'),
  required: (field: string) =>
    new ApiError(
      412,
      3000,
      `Ошибка сохранения объекта: поле '${field}' не может быть пустым или отсутствовать`,
      field,
    ),
  wrongType: (field: string, type: string) =>
    new ApiError(
      400,
      2016,
      `Ошибка формата: значение поля '${field}' не соответствует типу ${type}`,
      field,
    ),
};
