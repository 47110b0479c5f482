import { randomInt } from 'node:crypto';

/** CloudFormation's `GenerateSecretString`, as Secrets Manager's GetRandomPassword implements it. */
export interface GenerateSecretString {
  readonly PasswordLength?: number;
  readonly ExcludeCharacters?: string;
  readonly ExcludeLowercase?: boolean;
  readonly ExcludeUppercase?: boolean;
  readonly ExcludeNumbers?: boolean;
  readonly ExcludePunctuation?: boolean;
  readonly IncludeSpace?: boolean;
  readonly RequireEachIncludedType?: boolean;
  readonly SecretStringTemplate?: string;
  readonly GenerateStringKey?: string;
}

const characterClasses = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  numbers: '0123456789',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  space: ' ',
};

const isSet = (value: unknown) => value === true || value === 'true';

const password = (options: GenerateSecretString): string => {
  const length = Number(options.PasswordLength ?? 32);
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const classes = [
    !isSet(options.ExcludeLowercase) && characterClasses.lowercase,
    !isSet(options.ExcludeUppercase) && characterClasses.uppercase,
    !isSet(options.ExcludeNumbers) && characterClasses.numbers,
    !isSet(options.ExcludePunctuation) && characterClasses.punctuation,
    isSet(options.IncludeSpace) && characterClasses.space,
  ]
    .filter((set): set is string => Boolean(set))
    .map((set) => [...set].filter((character) => !excluded.has(character)))
    .filter((set) => set.length > 0);
  const all = classes.flat();
  const pick = (set: string[]) => set[randomInt(set.length)]!;
  const required = options.RequireEachIncludedType === undefined || isSet(options.RequireEachIncludedType) ? classes.map(pick) : [];
  const characters = [...required, ...Array.from({ length: Math.max(0, length - required.length) }, () => pick(all))];
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
};

export const generateSecretString = (options: GenerateSecretString): string => {
  if (!options.SecretStringTemplate || !options.GenerateStringKey) return password(options);
  return JSON.stringify({ ...JSON.parse(options.SecretStringTemplate), [options.GenerateStringKey]: password(options) });
};
