import { base, Faker, ru, type Randomizer } from '@faker-js/faker';
import type { Random } from '../random/prng';

/** faker's Russian locale, drawing from one of our seeded streams so its output is reproducible. */
export function russianFaker(random: Random): Faker {
  const randomizer: Randomizer = {
    next: () => random.next(),
    seed: () => undefined,
  };
  return new Faker({ locale: [ru, base], randomizer });
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Latin spelling for logins and e-mail addresses. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    if (TRANSLIT[ch] !== undefined) out += TRANSLIT[ch];
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (ch === ' ' || ch === '-') out += '-';
  }
  return out.replace(/-+/g, '-').replace(/^-|-$/g, '');
}

export interface Person {
  firstName: string;
  middleName: string;
  lastName: string;
  sex: 'MALE' | 'FEMALE';
}

export function person(faker: Faker, random: Random): Person {
  const sex = random.chance(0.5) ? 'MALE' : 'FEMALE';
  const fakerSex = sex === 'MALE' ? 'male' : 'female';
  return {
    firstName: faker.person.firstName(fakerSex),
    middleName: faker.person.middleName(fakerSex),
    lastName: faker.person.lastName(fakerSex),
    sex,
  };
}

/** "Иванов И. П." */
export function shortName(p: Person): string {
  return `${p.lastName} ${p.firstName[0]}. ${p.middleName[0]}.`;
}

export function mobilePhone(random: Random): string {
  const d = () => random.int(0, 9);
  return `+7 9${d()}${d()} ${d()}${d()}${d()}-${d()}${d()}-${d()}${d()}`;
}

export function cityPhone(random: Random, city: string): string {
  const code =
    city === 'Санкт-Петербург' ? '812' : city === 'Москва' ? '495' : String(random.int(342, 499));
  const d = () => random.int(0, 9);
  return `+7 ${code} ${d()}${d()}${d()}-${d()}${d()}-${d()}${d()}`;
}

export const CITIES = [
  { name: 'Москва', postal: '1', weight: 40 },
  { name: 'Санкт-Петербург', postal: '19', weight: 18 },
  { name: 'Казань', postal: '420', weight: 6 },
  { name: 'Екатеринбург', postal: '620', weight: 6 },
  { name: 'Новосибирск', postal: '630', weight: 6 },
  { name: 'Нижний Новгород', postal: '603', weight: 5 },
  { name: 'Самара', postal: '443', weight: 4 },
  { name: 'Ростов-на-Дону', postal: '344', weight: 4 },
  { name: 'Краснодар', postal: '350', weight: 4 },
  { name: 'Пермь', postal: '614', weight: 3 },
  { name: 'Тверь', postal: '170', weight: 2 },
  { name: 'Воронеж', postal: '394', weight: 2 },
] as const;

export interface Address {
  city: string;
  street: string;
  house: string;
  postalCode: string;
  full: string;
}

export function address(faker: Faker, random: Random, city?: string): Address {
  const entry = city
    ? (CITIES.find((c) => c.name === city) ?? CITIES[0])
    : CITIES[random.weightedIndex(CITIES.map((c) => c.weight))]!;
  const street = faker.location.street();
  const house = String(random.int(1, 150)) + (random.chance(0.15) ? `к${random.int(1, 4)}` : '');
  const postalCode =
    entry.postal.padEnd(6, '0').slice(0, 3) + String(random.int(0, 999)).padStart(3, '0');
  return {
    city: entry.name,
    street,
    house,
    postalCode,
    full: `${postalCode}, г. ${entry.name}, ${street}, д. ${house}`,
  };
}
