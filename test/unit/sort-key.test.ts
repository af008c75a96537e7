import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deriveSortKey, sortAsLine } from '../../src/letter/sort-key.js';
import { ROOT } from '../helpers/cli.js';

describe('deriveSortKey on the example letter', () => {
  const dir = path.join(ROOT, 'letters/time-to-act/signatures');
  const signatures = readdirSync(dir).map(
    (f) => parse(readFileSync(path.join(dir, f), 'utf8')) as { name: string; sort_as: string },
  );

  it('holds the twelve signatures', () => expect(signatures).toHaveLength(12));

  // The key written by hand, and the key derived; they differ only where the hand-written key is not family name first.
  it.each([
    ['Ban Ki-moon', 'Ban Ki-moon', 'Ban Ki-moon'],
    ['Brad Smith', 'Smith Brad', 'Smith Brad'],
    ['Desmond Tutu', 'Tutu Desmond', 'Tutu Desmond'],
    ['Ernesto Zedillo', 'Zedillo Ernesto', 'Zedillo Ernesto'],
    ['Eugene Kaspersky', 'Kaspersky Eugene', 'Kaspersky Eugene'],
    ['Eva Chen', 'Chen Eva', 'Chen Eva'],
    ['Igor Ivanov', 'Ivanov Igor', 'Ivanov Igor'],
    ['Madeleine Albright', 'Albright Madeleine', 'Albright Madeleine'],
    ['Margaret Chan', 'Chan Margaret', 'Chan Margaret'],
    ['Mikhail Gorbachev', 'Gorbachev Mikhail', 'Gorbachev Mikhail'],
    ['Peter Maurer', 'Maurer Peter', 'Maurer Peter'],
    // A prince of the house of Hussein is filed under his given name; the particle rule puts "Al Hussein" first.
    ["Zeid Ra'ad Al Hussein", "Zeid Ra'ad Al Hussein", "Al Hussein Zeid Ra'ad"],
  ])('%s: written %s, derived %s', (name, written, derived) => {
    expect(signatures.find((s) => s.name === name)?.sort_as).toBe(written);
    expect(deriveSortKey(name, { language: 'en' })).toBe(derived);
  });
});

describe('deriveSortKey across cultures', () => {
  it.each([
    // English, with titles and suffixes
    ['Desmond Tutu', undefined, 'Tutu Desmond'],
    ['Dr. Martin Luther King Jr.', undefined, 'King Martin Luther Jr.'],
    ['Martin Luther King, Jr.', undefined, 'King Martin Luther Jr.'],
    ['Prof. Dr. Jane Q. Public PhD', undefined, 'Public Jane Q. PhD'],
    ['Sir Tim Berners-Lee', undefined, 'Berners-Lee Tim'],
    ['Dame Judi Dench', undefined, 'Dench Judi'],
    ['H.E. Mary Robinson', undefined, 'Robinson Mary'],
    ['Mr John Smith', undefined, 'Smith John'],
    ['Mrs. Jane Doe', undefined, 'Doe Jane'],
    ['Ms Ada Lovelace', undefined, 'Lovelace Ada'],
    ['John Davison Rockefeller III', undefined, 'Rockefeller John Davison III'],
    ['J. R. R. Tolkien', undefined, 'Tolkien J. R. R.'],
    ['John E Smith', undefined, 'Smith John E'],
    ['Tutu, Desmond', undefined, 'Tutu Desmond'],
    ['Dick Van Dyke', undefined, 'Van Dyke Dick'],
    ['Ursula K. Le Guin', undefined, 'Le Guin Ursula K.'],
    // Dutch
    ['Vincent van Gogh', undefined, 'van Gogh Vincent'],
    ['Ludwig van Beethoven', undefined, 'van Beethoven Ludwig'],
    ['Rogier van der Weyden', undefined, 'van der Weyden Rogier'],
    ['Dirk ten Brink', undefined, 'ten Brink Dirk'],
    // German
    ['Ursula von der Leyen', undefined, 'von der Leyen Ursula'],
    ['Angela Merkel', 'de', 'Merkel Angela'],
    ['Karl-Theodor zu Guttenberg', undefined, 'zu Guttenberg Karl-Theodor'],
    // French
    ['Charles de Gaulle', 'fr', 'de Gaulle Charles'],
    ['Jean de La Fontaine', 'fr', 'de La Fontaine Jean'],
    ['Daphne Du Maurier', undefined, 'Du Maurier Daphne'],
    ["Jean d'Ormesson", 'fr', "d'Ormesson Jean"],
    ['Jean-Paul Sartre', 'fr', 'Sartre Jean-Paul'],
    ['Pierre Choderlos de Laclos', 'fr', 'de Laclos Pierre Choderlos'],
    // Italian
    ['Leonardo da Vinci', 'it', 'da Vinci Leonardo'],
    ['Lorenzo della Robbia', undefined, 'della Robbia Lorenzo'],
    // Spanish: two family names
    ['Óscar Arias Sánchez', undefined, 'Arias Sánchez Óscar'],
    ['Gabriel García Márquez', undefined, 'García Márquez Gabriel'],
    ['José Luis Rodríguez Zapatero', undefined, 'Rodríguez Zapatero José Luis'],
    ['Mario Vargas Llosa', undefined, 'Vargas Llosa Mario'],
    ['Ernesto Zedillo Ponce de León', undefined, 'Zedillo Ponce de León Ernesto'],
    ['Cristina Fernández de Kirchner', undefined, 'Fernández de Kirchner Cristina'],
    ['José Ortega y Gasset', undefined, 'Ortega y Gasset José'],
    ['Michelle Bachelet Jeria', 'es', 'Bachelet Jeria Michelle'],
    ['Juan Carlos Onetti', 'es', 'Onetti Juan Carlos'],
    ['Juan Ramón de la Fuente', 'es', 'de la Fuente Juan Ramón'],
    ['Rigoberta Menchú Tum', undefined, 'Menchú Tum Rigoberta'],
    ['Jorge Luis Borges', undefined, 'Borges Jorge Luis'],
    ['Dr. Pedro Sánchez Pérez-Castejón', undefined, 'Sánchez Pérez-Castejón Pedro'],
    // Portuguese: the last family name, with its particle and agnome
    ['Fernando Henrique Cardoso', 'pt', 'Cardoso Fernando Henrique'],
    ['Dilma Vana Rousseff', 'pt-BR', 'Rousseff Dilma Vana'],
    ['Luiz Inácio Lula da Silva', 'pt', 'da Silva Luiz Inácio Lula'],
    ['José Eduardo dos Santos', undefined, 'dos Santos José Eduardo'],
    ['Ulysses Guimarães Filho', 'pt', 'Guimarães Filho Ulysses'],
    ['José Saramago', 'pt', 'Saramago José'],
    // Arabic
    ['Ahmed al-Tayeb', undefined, 'al-Tayeb Ahmed'],
    ['Mohammed bin Salman', undefined, 'bin Salman Mohammed'],
    ['Ibrahim ibn Rashid', undefined, 'ibn Rashid Ibrahim'],
    ['Mohammed bin Rashid Al Maktoum', undefined, 'Al Maktoum Mohammed bin Rashid'],
    ['Mohamed ElBaradei', undefined, 'ElBaradei Mohamed'],
    ['Abdel Fattah el-Sisi', undefined, 'el-Sisi Abdel Fattah'],
    // Chinese: in Han script, and romanised family name first
    ['毛泽东', undefined, '毛泽东'],
    ['习近平', 'zh', '习近平'],
    ['Xi Jinping', undefined, 'Xi Jinping'],
    ['Deng Xiaoping', undefined, 'Deng Xiaoping'],
    ['Zhou Enlai', undefined, 'Zhou Enlai'],
    ['Mao Tse-tung', undefined, 'Mao Tse-tung'],
    ['Chiang Kai-shek', undefined, 'Chiang Kai-shek'],
    ['Tsai Ing-wen', undefined, 'Tsai Ing-wen'],
    ['Lee Kuan Yew', undefined, 'Lee Kuan Yew'],
    ['Wei Chen', undefined, 'Chen Wei'],
    // Korean
    ['반기문', undefined, '반기문'],
    ['Kim Dae-jung', undefined, 'Kim Dae-jung'],
    ['Moon Jae-in', undefined, 'Moon Jae-in'],
    ['Kim Jong Un', undefined, 'Kim Jong Un'],
    ['Lee Ann Rimes', undefined, 'Rimes Lee Ann'],
    // Japanese: in kanji as written; in Latin script usually given name first
    ['安倍晋三', 'ja', '安倍晋三'],
    ['Shinzo Abe', undefined, 'Abe Shinzo'],
    ['Haruki Murakami', 'ja', 'Murakami Haruki'],
    // Vietnamese
    ['Nguyễn Văn Thiệu', undefined, 'Nguyễn Văn Thiệu'],
    ['Viet Thanh Nguyen', undefined, 'Nguyen Viet Thanh'],
    // Russian, in Latin and Cyrillic
    ['Mikhail Gorbachev', undefined, 'Gorbachev Mikhail'],
    ['Михаил Горбачёв', 'ru', 'Горбачёв Михаил'],
    // Hungarian written the English way: not special-cased
    ['Viktor Orbán', undefined, 'Orbán Viktor'],
    // Icelandic patronymics: filed under the given name
    ['Vigdís Finnbogadóttir', undefined, 'Vigdís Finnbogadóttir'],
    ['Halldór Laxness', 'is', 'Halldór Laxness'],
    // Irish and Scottish
    ["Sinéad O'Connor", undefined, "O'Connor Sinéad"],
    ['Douglas MacArthur', undefined, 'MacArthur Douglas'],
    // Hungarian written the Hungarian way cannot be told from the name alone (see familyNameFirst)
    ['Orbán Viktor', undefined, 'Viktor Orbán'],
  ])('%s (%s) → %s', (name, language, key) => {
    expect(deriveSortKey(name, { language })).toBe(key);
  });

  it('keeps a name written family name first when told so', () => {
    expect(deriveSortKey('Orbán Viktor', { language: 'hu', familyNameFirst: true })).toBe(
      'Orbán Viktor',
    );
    expect(deriveSortKey('Dr. Orbán Viktor', { familyNameFirst: true })).toBe('Orbán Viktor');
  });

  it('uses explicit first and last names (an import with separate columns)', () => {
    expect(
      deriveSortKey('Ellen Johnson Sirleaf', { first: 'Ellen', last: 'Johnson Sirleaf' }),
    ).toBe('Johnson Sirleaf Ellen');
    expect(deriveSortKey('Dr. Ada Lovelace', { first: 'Dr. Ada', last: 'Lovelace' })).toBe(
      'Lovelace Ada',
    );
    expect(deriveSortKey('Madonna', { last: 'Madonna' })).toBe('Madonna');
  });

  it.each([
    ['Madonna', 'Madonna'],
    ['Sting', 'Sting'],
    ['Dr. Who', 'Who'],
  ])('a single word is its own key: %s → %s', (name, key) => {
    expect(deriveSortKey(name)).toBe(key);
  });

  it.each([
    'CyberPeace Institute',
    'Bill & Melinda Gates Foundation',
    'Acme Inc.',
    'Mozilla Foundation',
    'The Tor Project',
    'Electronic Frontier Foundation',
    'Chaos Computer Club e.V.',
    'Example GmbH',
    'Widgets Ltd',
    'Oxford University',
    'Internet Society Association',
    'Amnesty International',
    '@alice',
    'alice123',
    'bob_smith',
    '',
    '   ',
  ])('is undefined for an organisation, a handle or nothing: %j', (name) => {
    expect(deriveSortKey(name)).toBeUndefined();
  });
});

describe('sortAsLine', () => {
  it.each([
    ['Tutu Desmond', 'sort_as: Tutu Desmond'],
    ["Al Hussein Zeid Ra'ad", "sort_as: Al Hussein Zeid Ra'ad"],
    ['King Martin Luther Jr.', 'sort_as: King Martin Luther Jr.'],
    ['毛泽东', 'sort_as: 毛泽东'],
    ['Yes', 'sort_as: "Yes"'],
    ['Smith: John', 'sort_as: "Smith: John"'],
  ])('%s → %s', (key, line) => {
    expect(sortAsLine(key)).toBe(line);
  });
});
