/**
 * The demo shop: 240 products in 8 categories with valid in-store EAN-13 codes
 * (GS1 prefix 200-299), two included VAT rates and two staff members. Ids are
 * deterministic, so two demo tills seeding at once write identical records.
 */
import { withCheckDigit } from '../../crdt/ean.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import type { CategoryId, ProductId, StaffId, TaxId } from '../../crdt/ids.ts';
import type { Category, Product, StaffRef, Tax } from '../../crdt/schema.ts';

export const DEMO_AUTHOR: StaffRef = { id: 'demo-alice' as StaffId, name: 'Alice' };
/** Demo records carry an early timestamp so any real edit wins over a re-seed. */
export const DEMO_TIMESTAMP = '000000000000000:000000:demo' as Hlc;

export const DEMO_TAXES: Tax[] = [
  {
    id: 'vat-standard' as TaxId,
    name: 'VAT 20%',
    rateBp: 2000,
    included: true,
    updatedAt: DEMO_TIMESTAMP,
    updatedBy: DEMO_AUTHOR,
  },
  {
    id: 'vat-reduced' as TaxId,
    name: 'VAT 5.5%',
    rateBp: 550,
    included: true,
    updatedAt: DEMO_TIMESTAMP,
    updatedBy: DEMO_AUTHOR,
  },
];

export const DEMO_STAFF = [
  { id: 'demo-alice' as StaffId, name: 'Alice', role: 'manager' as const, pin: '1234' },
  { id: 'demo-bob' as StaffId, name: 'Bob', role: 'cashier' as const, pin: '0000' },
];

type Row = [name: string, cents: number];
const CATEGORIES: Array<{ name: string; tax: TaxId; items: Row[] }> = [
  {
    name: 'Bakery',
    tax: 'vat-reduced' as TaxId,
    items: [
      ['Baguette', 120],
      ['Croissant', 110],
      ['Pain au chocolat', 130],
      ['Sourdough loaf', 450],
      ['Rye bread', 380],
      ['Brioche', 320],
      ['Blueberry muffin', 220],
      ['Sesame bagel', 150],
      ['Cinnamon roll', 240],
      ['Focaccia', 350],
    ],
  },
  {
    name: 'Dairy',
    tax: 'vat-reduced' as TaxId,
    items: [
      ['Whole milk 1 l', 115],
      ['Semi-skimmed milk 1 l', 105],
      ['Butter 250 g', 289],
      ['Greek yoghurt 500 g', 259],
      ['Cheddar 200 g', 349],
      ['Brie 200 g', 399],
      ['Mozzarella 125 g', 149],
      ['Free-range eggs x6', 279],
      ['Cream 20 cl', 169],
      ['Goat cheese 150 g', 329],
    ],
  },
  {
    name: 'Produce',
    tax: 'vat-reduced' as TaxId,
    items: [
      ['Apples 1 kg', 299],
      ['Bananas 1 kg', 189],
      ['Oranges 1 kg', 249],
      ['Tomatoes 500 g', 229],
      ['Carrots 1 kg', 139],
      ['Potatoes 2.5 kg', 349],
      ['Lettuce', 119],
      ['Avocado', 129],
      ['Lemons x4', 199],
      ['Strawberries 250 g', 350],
    ],
  },
  {
    name: 'Drinks',
    tax: 'vat-standard' as TaxId,
    items: [
      ['Still water 50 cl', 90],
      ['Sparkling water 1 l', 120],
      ['Orange juice 1 l', 279],
      ['Cola 33 cl', 150],
      ['Lemonade 1 l', 199],
      ['Iced tea 50 cl', 189],
      ['Red wine 75 cl', 1299],
      ['White wine 75 cl', 1099],
      ['Craft beer 33 cl', 349],
      ['Cider 50 cl', 299],
    ],
  },
  {
    name: 'Coffee & tea',
    tax: 'vat-reduced' as TaxId,
    items: [
      ['Espresso beans 250 g', 649],
      ['Ground coffee 250 g', 549],
      ['Decaf beans 250 g', 699],
      ['Green tea x20', 299],
      ['Earl grey x20', 279],
      ['Chamomile x20', 259],
      ['Hot chocolate 400 g', 429],
      ['Coffee filters x100', 249],
      ['Chai spice 100 g', 389],
      ['Matcha 30 g', 1190],
    ],
  },
  {
    name: 'Snacks',
    tax: 'vat-standard' as TaxId,
    items: [
      ['Salted crisps 150 g', 199],
      ['Dark chocolate 100 g', 249],
      ['Milk chocolate 100 g', 229],
      ['Mixed nuts 200 g', 449],
      ['Pretzels 200 g', 179],
      ['Popcorn 100 g', 159],
      ['Granola bar', 99],
      ['Shortbread 150 g', 269],
      ['Gummy bears 200 g', 189],
      ['Rice cakes 100 g', 149],
    ],
  },
  {
    name: 'Household',
    tax: 'vat-standard' as TaxId,
    items: [
      ['Dish soap 500 ml', 229],
      ['Sponges x3', 189],
      ['Paper towels x2', 349],
      ['Bin bags x20', 299],
      ['Laundry liquid 1.5 l', 799],
      ['Toilet paper x9', 549],
      ['Glass cleaner 750 ml', 329],
      ['Candles x2', 499],
      ['Batteries AA x4', 599],
      ['Light bulb LED', 449],
    ],
  },
  {
    name: 'Deli',
    tax: 'vat-reduced' as TaxId,
    items: [
      ['Olives 200 g', 299],
      ['Hummus 200 g', 249],
      ['Smoked salmon 100 g', 599],
      ['Ham 4 slices', 319],
      ['Salami 100 g', 389],
      ['Pesto 190 g', 349],
      ['Sun-dried tomatoes', 379],
      ['Feta 200 g', 299],
      ['Quiche slice', 420],
      ['Sandwich of the day', 550],
    ],
  },
];
const VARIANTS: Array<[suffix: string, percent: number]> = [
  ['', 100],
  [' (organic)', 140],
  [' (value)', 75],
];

export function demoCategories(): Category[] {
  return CATEGORIES.map((c, i) => ({
    id: `demo-cat-${i + 1}` as CategoryId,
    name: c.name,
    updatedAt: DEMO_TIMESTAMP,
    updatedBy: DEMO_AUTHOR,
  }));
}

export function demoProducts(): Product[] {
  const products: Product[] = [];
  let seq = 0;
  CATEGORIES.forEach((category, c) => {
    for (const [suffix, percent] of VARIANTS) {
      for (const [name, cents] of category.items) {
        seq++;
        const ean = withCheckDigit(`200${String(seq).padStart(9, '0')}`);
        products.push({
          id: `demo-${ean}` as ProductId,
          name: `${name}${suffix}`,
          barcodes: [ean],
          // integer arithmetic only; shelf prices end in 9
          price: Math.max(9, Math.floor((cents * percent) / 1000) * 10 + 9),
          taxId: category.tax,
          categoryId: `demo-cat-${c + 1}` as CategoryId,
          active: true,
          updatedAt: DEMO_TIMESTAMP,
          updatedBy: DEMO_AUTHOR,
        });
      }
    }
  });
  return products;
}
