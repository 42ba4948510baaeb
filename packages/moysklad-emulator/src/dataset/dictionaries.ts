import type { Faker } from '@faker-js/faker';
import type { Random } from '../random/prng';
import { DAY } from '../time/moscow';
import type { EmulatorStore } from '../store/store';
import type { BankAccount, StateRow } from '../store/rows';
import type { DocumentType } from '../model/types';
import { bankAccount, kppFor, legalInn, ogrn, ogrnip, personInn } from './checksums';
import { address, cityPhone, mobilePhone, person, shortName, transliterate } from './people';
import { COMPANY_WORDS, EMPLOYEE_POSITIONS, PROJECTS } from './vocabulary';
import type { SizeProfile } from './sizes';

const BANKS = [
  { name: 'ПАО Сбербанк', bic: '044525225', corr: '30101810400000000225' },
  { name: 'Банк ВТБ (ПАО)', bic: '044525187', corr: '30101810700000000187' },
  { name: 'АО «Альфа-Банк»', bic: '044525593', corr: '30101810200000000593' },
  { name: 'АО «Т-Банк»', bic: '044525974', corr: '30101810145250000974' },
];

export function bankAccounts(
  store: EmulatorStore,
  random: Random,
  count: number,
  prefix?: string,
): BankAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const bank = random.pick(BANKS);
    return {
      index: store.bankAccountsIssued++,
      accountNumber: bankAccount(random, bank.bic, prefix),
      bankName: bank.name,
      bic: bank.bic,
      correspondentAccount: bank.corr,
      isDefault: i === 0,
    };
  });
}

/** The account's own legal entities, staff, money and reference books. */
export function generateDictionaries(
  store: EmulatorStore,
  profile: SizeProfile,
  faker: Faker,
  random: Random,
  start: number,
): { accountName: string } {
  const founded = start - 400 * DAY;
  const word = random.pick(COMPANY_WORDS);
  const accountName = transliterate(word).slice(0, 12) || 'demo';

  // Staff first: everything else has an owner.
  for (let i = 0; i < profile.employees; i++) {
    const p = person(faker, random);
    const position =
      i === 0 ? 'Администратор' : EMPLOYEE_POSITIONS[(i - 1) % EMPLOYEE_POSITIONS.length]!;
    const login = i === 0 ? 'admin' : `${transliterate(p.lastName)}${i}`;
    const created = founded + i * 9 * DAY + random.int(0, 8 * 3600_000);
    store.employees.push({
      firstName: p.firstName,
      middleName: p.middleName,
      lastName: p.lastName,
      email: `${login}@${accountName}.ru`,
      phone: mobilePhone(random),
      position,
      uid: `${login}@${accountName}`,
      inn: personInn(random),
      archived: i > 2 && random.chance(0.12),
      created,
      updated: created + random.int(0, 300) * DAY,
      owner: 0,
    });
  }

  const director = person(faker, random);
  const accountant = person(faker, random);
  const office = address(faker, random, 'Москва');
  const inn = legalInn(random);
  const created = founded;
  store.organizations.push({
    name: `ООО «${word}»`,
    legalTitle: `Общество с ограниченной ответственностью «${word}»`,
    companyType: 'legal',
    inn,
    kpp: kppFor(inn, random),
    ogrn: ogrn(random),
    okpo: String(random.int(10_000_000, 99_999_999)),
    legalAddress: office.full,
    actualAddress: office.full,
    email: `info@${accountName}.ru`,
    phone: cityPhone(random, 'Москва'),
    director: shortName(director),
    chiefAccountant: shortName(accountant),
    payerVat: true,
    archived: false,
    accounts: bankAccounts(store, random, 2),
    created,
    updated: created + random.int(30, 200) * DAY,
    owner: 0,
  });
  const trader = person(faker, random);
  const home = address(faker, random);
  store.organizations.push({
    name: `ИП ${shortName(trader)}`,
    legalTitle: `Индивидуальный предприниматель ${trader.lastName} ${trader.firstName} ${trader.middleName}`,
    companyType: 'entrepreneur',
    inn: personInn(random),
    ogrnip: ogrnip(random),
    legalAddress: home.full,
    actualAddress: home.full,
    legalFirstName: trader.firstName,
    legalLastName: trader.lastName,
    legalMiddleName: trader.middleName,
    email: `ip@${accountName}.ru`,
    phone: mobilePhone(random),
    director: shortName(trader),
    // A sole trader on the simplified tax system: sells without VAT.
    payerVat: false,
    archived: false,
    accounts: bankAccounts(store, random, 1, '40802810'),
    created: created + 20 * DAY,
    updated: created + random.int(40, 300) * DAY,
    owner: 0,
  });

  store.currencies.push(
    {
      name: 'руб',
      fullName: 'Российский рубль',
      code: '643',
      isoCode: 'RUB',
      isDefault: true,
      rate: 1,
      archived: false,
      major: { gender: 'masculine', s1: 'рубль', s2: 'рубля', s5: 'рублей' },
      minor: { gender: 'feminine', s1: 'копейка', s2: 'копейки', s5: 'копеек' },
      created: founded,
      updated: founded,
      owner: 0,
    },
    {
      name: 'долл',
      fullName: 'Доллар США',
      code: '840',
      isoCode: 'USD',
      isDefault: false,
      rate: 81.2,
      archived: false,
      major: { gender: 'masculine', s1: 'доллар', s2: 'доллара', s5: 'долларов' },
      minor: { gender: 'masculine', s1: 'цент', s2: 'цента', s5: 'центов' },
      created: founded + DAY,
      updated: start + (profile.days - 1) * DAY,
      owner: 0,
    },
    {
      name: 'евро',
      fullName: 'Евро',
      code: '978',
      isoCode: 'EUR',
      isDefault: false,
      rate: 94.6,
      archived: true,
      major: { gender: 'masculine', s1: 'евро', s2: 'евро', s5: 'евро' },
      minor: { gender: 'masculine', s1: 'евроцент', s2: 'евроцента', s5: 'евроцентов' },
      created: founded + DAY,
      updated: founded + 90 * DAY,
      owner: 0,
    },
  );

  for (const name of ['Розничная', 'Оптовая', 'Дилерская', 'Маркетплейсы'])
    store.priceTypes.push({ name });

  for (const [name, description, code] of [
    ['шт', 'Штука', '796'],
    ['кг', 'Килограмм', '166'],
    ['упак', 'Упаковка', '778'],
    ['пара', 'Пара (2 шт.)', '715'],
    ['л', 'Литр', '112'],
  ] as const) {
    store.uoms.push({ name, description, code, updated: founded });
  }

  const warehouseCities = ['Москва', 'Санкт-Петербург', 'Казань', 'Екатеринбург'];
  for (let i = 0; i < profile.warehouses; i++) {
    const city = warehouseCities[i % warehouseCities.length]!;
    const a = address(faker, random, city);
    store.stores.push({
      name: i === 0 ? 'Основной склад' : `Склад ${city}`,
      code: `WH${i + 1}`,
      address: a.full,
      city: a.city,
      street: a.street,
      house: a.house,
      postalCode: a.postalCode,
      archived: false,
      retail: false,
      created: founded + i * 30 * DAY,
      updated: founded + i * 30 * DAY + random.int(0, 200) * DAY,
      owner: 0,
    });
  }
  for (let i = 0; i < profile.retailStores; i++) {
    const a = address(faker, random, i % 2 === 0 ? 'Москва' : 'Санкт-Петербург');
    const storeIndex = store.stores.length;
    const opened = founded + (60 + i * 20) * DAY;
    store.stores.push({
      name: `Магазин ${a.street.replace(/^(улица|проспект|площадь|переулок|шоссе|бульвар) /, '')}`,
      code: `SHOP${i + 1}`,
      address: a.full,
      city: a.city,
      street: a.street,
      house: a.house,
      postalCode: a.postalCode,
      archived: false,
      retail: true,
      created: opened,
      updated: opened + random.int(0, 100) * DAY,
      owner: 0,
    });
    store.retailStores.push({
      name: `Точка продаж ${i + 1} (${a.city})`,
      store: storeIndex,
      organization: 1,
      address: a.full,
      archived: false,
      created: opened,
      updated: opened + DAY,
      owner: 0,
    });
  }
  // A warehouse closed long ago: archived rows must stay hidden unless asked for.
  const closed = address(faker, random, 'Тверь');
  store.stores.push({
    name: 'Склад Тверь (закрыт)',
    code: 'WH-OLD',
    address: closed.full,
    city: closed.city,
    street: closed.street,
    house: closed.house,
    postalCode: closed.postalCode,
    archived: true,
    retail: false,
    created: founded,
    updated: founded + 120 * DAY,
    owner: 0,
  });

  for (const [name, type, description] of [
    ['Розничный магазин', 'RETAIL_SALES', 'Продажи в собственных магазинах'],
    ['Интернет-магазин', 'ECOMMERCE', 'Заказы с сайта'],
    ['Оптовые продажи', 'DIRECT_SALES', 'Работа с юрлицами и ИП'],
    ['Маркетплейс', 'MARKETPLACE', 'Заказы с маркетплейсов'],
    ['Соцсети', 'SOCIAL_NETWORK', 'Заказы из соцсетей'],
  ] as const) {
    const c = founded + random.int(0, 200) * DAY;
    store.salesChannels.push({
      name,
      type,
      description,
      archived: type === 'SOCIAL_NETWORK',
      created: c,
      updated: c + random.int(0, 100) * DAY,
      owner: 0,
    });
  }

  PROJECTS.forEach((name, i) => {
    const c = start + i * 70 * DAY;
    store.projects.push({
      name,
      code: `PRJ-${String(i + 1).padStart(3, '0')}`,
      description: `Проект «${name}»`,
      archived: i === PROJECTS.length - 1 ? false : i < 1,
      created: c,
      updated: c + random.int(1, 60) * DAY,
      owner: 0,
    });
  });

  for (const name of ['Размер', 'Цвет']) store.characteristics.push({ name });
  store.attributes.push(
    {
      entityType: 'product',
      name: 'Страна производства',
      type: 'string',
      description: 'Где произведён товар',
    },
    {
      entityType: 'product',
      name: 'Гарантия, мес',
      type: 'long',
      description: 'Срок гарантии в месяцах',
    },
    {
      entityType: 'product',
      name: 'Новинка',
      type: 'boolean',
      description: 'Показывать в разделе новинок',
    },
  );

  const states: [DocumentType, string, number, StateRow['stateType']][] = [
    ['customerorder', 'Новый', 15106326, 'Regular'],
    ['customerorder', 'Подтвержден', 40931, 'Regular'],
    ['customerorder', 'Собран', 8825440, 'Regular'],
    ['customerorder', 'Отгружен', 34617, 'Regular'],
    ['customerorder', 'Доставлен', 10774205, 'Successful'],
    ['customerorder', 'Возврат', 15280409, 'Unsuccessful'],
    ['customerorder', 'Отменен', 8767198, 'Unsuccessful'],
    ['demand', 'Собрано', 40931, 'Regular'],
    ['demand', 'Отгружено', 10774205, 'Successful'],
    ['invoiceout', 'Выставлен', 15106326, 'Regular'],
    ['invoiceout', 'Оплачен', 10774205, 'Successful'],
    ['invoiceout', 'Не оплачен', 15280409, 'Unsuccessful'],
    ['salesreturn', 'Новый', 15106326, 'Regular'],
    ['salesreturn', 'Принят', 10774205, 'Successful'],
    ['supply', 'Принята', 10774205, 'Successful'],
    ['supply', 'Расхождения', 15280409, 'Regular'],
    ['purchaseorder', 'Новый', 15106326, 'Regular'],
    ['purchaseorder', 'Отправлен поставщику', 40931, 'Regular'],
    ['purchaseorder', 'Получен', 10774205, 'Successful'],
    ['purchaseorder', 'Отменен', 8767198, 'Unsuccessful'],
    ['purchasereturn', 'Новый', 15106326, 'Regular'],
    ['purchasereturn', 'Отправлен', 10774205, 'Successful'],
  ];
  for (const [entityType, name, color, stateType] of states) {
    store.states.push({ entityType, name, color, stateType });
  }
  return { accountName };
}

/** Index of a document type's state by name. */
export function stateIndex(store: EmulatorStore, type: DocumentType, name: string): number {
  const index = store.states.findIndex((s) => s.entityType === type && s.name === name);
  if (index < 0) throw new Error(`no state ${name} for ${type}`);
  return index;
}
