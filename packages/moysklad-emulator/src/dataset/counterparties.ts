import type { Faker } from '@faker-js/faker';
import type { Random } from '../random/prng';
import type { EmulatorStore } from '../store/store';
import type { CounterpartyRow } from '../store/rows';
import { DAY } from '../time/moscow';
import { kppFor, legalInn, ogrn, ogrnip, personInn } from './checksums';
import { bankAccounts } from './dictionaries';
import { address, cityPhone, mobilePhone, person, shortName, transliterate } from './people';
import type { SizeProfile } from './sizes';
import { COMPANY_SUFFIXES, COMPANY_WORDS, COUNTERPARTY_TAGS } from './vocabulary';

export interface CounterpartyRoles {
  retailCustomer: number;
  suppliers: number[];
  wholesale: number[];
  online: number[];
  loyalty: number[];
}

function created(random: Random, from: number, to: number): number {
  return from + Math.floor(random.next() * Math.max(to - from, 1));
}

/** Suppliers, wholesale buyers (companies and sole traders), online shoppers and loyalty-card holders. */
export function generateCounterparties(
  store: EmulatorStore,
  profile: SizeProfile,
  faker: Faker,
  random: Random,
  start: number,
  until: number,
): CounterpartyRoles {
  const owners = store.employees.length;
  const roles: CounterpartyRoles = {
    retailCustomer: 0,
    suppliers: [],
    wholesale: [],
    online: [],
    loyalty: [],
  };
  const usedNames = new Set<string>();

  const push = (
    row: Omit<CounterpartyRow, 'owner' | 'salesAmount' | 'updated'> & { updated?: number },
  ) => {
    const updated = Math.min(
      row.updated ?? row.created + random.int(0, 120) * DAY + random.int(0, DAY),
      until - 60_000,
    );
    store.counterparties.push({
      ...row,
      updated: Math.max(updated, row.created),
      owner: random.int(0, owners - 1),
      salesAmount: 0,
    });
    return store.counterparties.length - 1;
  };

  const companyName = (legalForm: string): string => {
    for (let attempt = 0; ; attempt++) {
      const base = `${random.pick(COMPANY_WORDS)}${random.pick(COMPANY_SUFFIXES)}`;
      const name = attempt > 5 ? `${base} ${attempt}` : base;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return `${legalForm} «${name}»`;
      }
    }
  };

  const legal = (role: CounterpartyRow['role'], tags: string[], from: number, to: number) => {
    const name = companyName('ООО');
    const inn = legalInn(random);
    const a = address(faker, random);
    const domain =
      transliterate(name.replace(/^ООО /, '')).slice(0, 20).replace(/-+$/, '') || 'company';
    const c = created(random, from, to);
    return push({
      name,
      legalTitle: `Общество с ограниченной ответственностью ${name.slice(4)}`,
      companyType: 'legal',
      inn,
      kpp: kppFor(inn, random),
      ogrn: ogrn(random),
      okpo: String(random.int(10_000_000, 99_999_999)),
      legalAddress: a.full,
      actualAddress: random.chance(0.7) ? a.full : address(faker, random, a.city).full,
      email: `${random.pick(['info', 'zakaz', 'office', 'sales'])}@${domain}.ru`,
      phone: cityPhone(random, a.city),
      accounts: bankAccounts(store, random, 1),
      archived: random.chance(0.03),
      role,
      tags,
      priceType: role === 'supplier' ? 0 : random.chance(0.2) ? 2 : 1,
      created: c,
    });
  };

  const entrepreneur = (tags: string[], from: number, to: number) => {
    const p = person(faker, random);
    const a = address(faker, random);
    const c = created(random, from, to);
    return push({
      name: `ИП ${shortName(p)}`,
      legalTitle: `Индивидуальный предприниматель ${p.lastName} ${p.firstName} ${p.middleName}`,
      companyType: 'entrepreneur',
      inn: personInn(random),
      ogrnip: ogrnip(random),
      legalFirstName: p.firstName,
      legalLastName: p.lastName,
      legalMiddleName: p.middleName,
      legalAddress: a.full,
      actualAddress: a.full,
      email: `${transliterate(p.lastName)}.${transliterate(p.firstName)[0] ?? 'a'}@mail.ru`,
      phone: mobilePhone(random),
      accounts: bankAccounts(store, random, 1, '40802810'),
      archived: random.chance(0.03),
      role: 'wholesale',
      tags,
      priceType: 1,
      created: c,
    });
  };

  const individual = (
    role: CounterpartyRow['role'],
    tags: string[],
    from: number,
    to: number,
    card: boolean,
  ) => {
    const p = person(faker, random);
    const c = created(random, from, to);
    const login = `${transliterate(p.firstName)}.${transliterate(p.lastName)}${random.int(1, 999)}`;
    return push({
      name: `${p.lastName} ${p.firstName} ${p.middleName}`,
      legalTitle: `${p.lastName} ${p.firstName} ${p.middleName}`,
      companyType: 'individual',
      inn: random.chance(0.2) ? personInn(random) : '',
      legalFirstName: p.firstName,
      legalLastName: p.lastName,
      legalMiddleName: p.middleName,
      email: `${login}@${random.pick(['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru'])}`,
      phone: mobilePhone(random),
      actualAddress: role === 'online' ? address(faker, random).full : undefined,
      accounts: [],
      archived: random.chance(0.02),
      role,
      tags,
      sex: p.sex,
      birthDate: random.chance(0.3)
        ? Date.UTC(random.int(1960, 2004), random.int(0, 11), random.int(1, 28)) - 3 * 3600_000
        : undefined,
      discountCardNumber: card
        ? `2${String(random.int(0, 99_999_999)).padStart(12, '0')}`
        : undefined,
      priceType: 0,
      created: c,
    });
  };

  const founded = start - 300 * DAY;
  const extra = () => (random.chance(0.35) ? [random.pick(COUNTERPARTY_TAGS.extra)] : []);

  roles.retailCustomer = push({
    name: 'Розничный покупатель',
    legalTitle: 'Розничный покупатель',
    companyType: 'individual',
    inn: '',
    accounts: [],
    archived: false,
    role: 'retail',
    tags: [...COUNTERPARTY_TAGS.retail],
    priceType: 0,
    created: founded,
    updated: founded,
  });
  for (let i = 0; i < profile.suppliers; i++) {
    roles.suppliers.push(
      legal('supplier', [...COUNTERPARTY_TAGS.supplier, ...extra()], founded, start - 30 * DAY),
    );
  }
  // A few buyers from Kazakhstan: exports within the EAEU are taxed at 0 %.
  for (let i = 0; i < Math.max(1, Math.round(profile.wholesaleBuyers * 0.02)); i++) {
    const name = companyName('ТОО');
    const address = `050000, Казахстан, г. Алматы, ${random.pick(['пр. Абая', 'ул. Сатпаева', 'пр. Достык'])}, д. ${random.int(1, 120)}`;
    roles.wholesale.push(
      push({
        name,
        legalTitle: `Товарищество с ограниченной ответственностью ${name.slice(4)}`,
        companyType: 'legal',
        inn: '',
        legalAddress: address,
        actualAddress: address,
        email: `office@${transliterate(name.slice(4)).slice(0, 16).replace(/-+$/, '') || 'too'}.kz`,
        phone: `+7 727 ${random.int(200, 399)}-${random.int(10, 99)}-${random.int(10, 99)}`,
        accounts: [],
        archived: false,
        role: 'wholesale',
        tags: [...COUNTERPARTY_TAGS.wholesale, 'экспорт'],
        priceType: 1,
        created: created(random, founded, start),
      }),
    );
  }
  for (let i = 0; i < profile.wholesaleBuyers; i++) {
    const from = founded;
    const to = random.chance(0.6) ? start : until - 20 * DAY;
    const tags = [...COUNTERPARTY_TAGS.wholesale, ...extra()];
    roles.wholesale.push(
      random.chance(0.7) ? legal('wholesale', tags, from, to) : entrepreneur(tags, from, to),
    );
  }
  for (let i = 0; i < profile.onlineBuyers; i++) {
    roles.online.push(
      individual(
        'online',
        [...COUNTERPARTY_TAGS.online, ...extra()],
        start - 30 * DAY,
        until - 5 * DAY,
        false,
      ),
    );
  }
  for (let i = 0; i < profile.loyaltyBuyers; i++) {
    roles.loyalty.push(
      individual(
        'retail',
        [...COUNTERPARTY_TAGS.retail, ...extra()],
        start - 60 * DAY,
        until - 5 * DAY,
        true,
      ),
    );
  }
  return roles;
}
