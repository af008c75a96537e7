/**
 * A seeded generator of distinct, real-looking people: given and family names as they are
 * common in about twenty naming traditions, combined at random, some with a second given
 * name, a middle initial, a double surname or a first name only. Used by the names
 * evaluation as new people who must NOT be held back as likely duplicates of the people on a
 * real list. The names are common names, not the names of any list the rules are measured on.
 */
// The benchmark's seeded generator (mulberry32), so the set is the same on every run.
import { rng as random } from '../../bench/generate.js';

const GIVEN: readonly string[] = [
  // English
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Emily', 'Daniel', 'Laura', 'Matthew',
  // French
  'Camille', 'Louis', 'Chloé', 'Hugo', 'Manon', 'Théo', 'Léa', 'Julien', 'Céline', 'Mathieu', 'Amélie', 'Guillaume',
  // German, Dutch, Nordic
  'Lukas', 'Lena', 'Jonas', 'Anke', 'Florian', 'Katrin', 'Sven', 'Ingrid', 'Pieter', 'Sanne', 'Anders', 'Astrid', 'Jörg', 'Birgit',
  // Spanish, Portuguese, Italian
  'Javier', 'Lucía', 'Alejandro', 'Carmen', 'Diego', 'Paula', 'João', 'Beatriz', 'Rui', 'Inês', 'Giulia', 'Matteo', 'Chiara', 'Lorenzo',
  // Polish, Czech, Russian, Ukrainian
  'Piotr', 'Agnieszka', 'Tomasz', 'Katarzyna', 'Jiří', 'Petra', 'Dmitry', 'Anastasia', 'Sergey', 'Natalia', 'Oleksandr', 'Iryna', 'Alexei', 'Olga',
  // Arabic, Turkish, Persian
  'Ahmed', 'Fatima', 'Omar', 'Layla', 'Youssef', 'Mariam', 'Karim', 'Nour', 'Mehmet', 'Elif', 'Reza', 'Shirin',
  // South Asian
  'Arjun', 'Priya', 'Rahul', 'Ananya', 'Vikram', 'Deepa', 'Sanjay', 'Kavya',
  // East Asian (romanised, given name)
  'Wei', 'Jing', 'Hao', 'Xiu', 'Hiroshi', 'Yuki', 'Haruto', 'Sakura', 'Min-jun', 'Seo-yeon', 'Ji-ho', 'Thi Lan', 'Minh',
  // African
  'Kwame', 'Ama', 'Chinedu', 'Ngozi', 'Tendai', 'Amara', 'Kofi', 'Zanele', 'Abebe', 'Wanjiru',
];

const FAMILY: readonly string[] = [
  // English
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore',
  'Jackson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Hill', 'Green', 'Baker',
  // French
  'Martin', 'Bernard', 'Dubois', 'Durand', 'Lefebvre', 'Moreau', 'Laurent', 'Fournier', 'Girard', 'Bonnet', 'Rousseau',
  // German, Dutch, Nordic
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'de Vries', 'van den Berg', 'Jansen', 'Bakker',
  'Andersson', 'Johansson', 'Nielsen', 'Hansen', 'Larsen', 'Virtanen', 'Korhonen',
  // Spanish, Portuguese, Italian
  'García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Silva', 'Santos', 'Ferreira', 'Oliveira',
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo',
  // Polish, Czech, Russian, Ukrainian
  'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Novák', 'Svoboda', 'Dvořák', 'Ivanov', 'Smirnov', 'Kuznetsov', 'Popov',
  'Sokolov', 'Volkov', 'Shevchenko', 'Bondarenko', 'Kovalenko',
  // Arabic, Turkish, Persian
  'Haddad', 'Khalil', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Hosseini', 'Rahimi',
  // South Asian
  'Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Banerjee', 'Chatterjee',
  // East Asian (family name)
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Kim', 'Lee',
  'Park', 'Choi', 'Nguyen', 'Tran',
  // African
  'Mensah', 'Okafor', 'Adeyemi', 'Mwangi', 'Otieno', 'Dlamini', 'Nkosi', 'Moyo', 'Diallo', 'Traoré', 'Tesfaye', 'Kamau',
];

/**
 * `count` distinct people (no two with the same name), from `seed`: most "Given Family";
 * 12% with a second given name, 8% with a middle initial, 6% with a double surname, 4% a
 * first name only, as sign-up forms receive them.
 */
export function distinctPeople(count: number, seed = 20261202): string[] {
  const r = random(seed);
  const pick = (xs: readonly string[]) => xs[Math.floor(r() * xs.length)]!;
  const out = new Set<string>();
  while (out.size < count) {
    const k = r();
    const given = pick(GIVEN);
    let name: string;
    if (k < 0.04) name = given;
    else if (k < 0.16) name = `${given} ${pick(GIVEN)} ${pick(FAMILY)}`;
    else if (k < 0.24) name = `${given} ${String.fromCharCode(65 + Math.floor(r() * 26))}. ${pick(FAMILY)}`;
    else if (k < 0.3) name = `${given} ${pick(FAMILY)} ${pick(FAMILY)}`;
    else name = `${given} ${pick(FAMILY)}`;
    out.add(name);
  }
  return [...out];
}
