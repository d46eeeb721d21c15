import { seededRandom } from './random.ts';

/** The demo shop as plain data: what the seeder sends through the admin API. */
export interface DemoProduct {
  title: string;
  handle: string;
  description: string;
  category: string;
  collections: string[];
  options: { name: string; values: string[] }[];
  variants: { sku: string; options: Record<string, string>; eur: number; usd: number; stock: [number, number] }[];
  image: string;
}

export const CATEGORY_TREE: Record<string, string[]> = {
  Women: ['Knitwear', 'Dresses', 'Coats & Jackets', 'Trousers', 'Shirts & Blouses'],
  Men: ['Knitwear', 'Shirts', 'Coats & Jackets', 'Trousers', 'T-Shirts'],
  Kids: ['Baby', 'Girls', 'Boys'],
  Shoes: ['Boots', 'Sneakers', 'Sandals'],
  Accessories: ['Bags', 'Scarves', 'Hats', 'Belts'],
  Home: ['Bedding', 'Kitchen', 'Decor'],
};
export const COLLECTIONS = ['Winter Essentials', 'Summer Edit', 'New In', 'Organic Cotton', 'Last Chance'];

const MATERIALS = [
  'Merino Wool',
  'Cashmere',
  'Organic Cotton',
  'Linen',
  'Alpaca',
  'Leather',
  'Suede',
  'Canvas',
  'Denim',
  'Corduroy',
  'Silk',
  'Waxed Cotton',
  'Recycled Nylon',
  'Tweed',
  'Flannel',
];
const ADJECTIVES = [
  'Classic',
  'Relaxed',
  'Slim',
  'Oversized',
  'Cropped',
  'Ribbed',
  'Quilted',
  'Brushed',
  'Washed',
  'Heritage',
  'Everyday',
  'Lightweight',
  'Chunky',
  'Tailored',
  'Vintage',
];
const NOUNS: Record<string, string[]> = {
  Knitwear: ['Sweater', 'Cardigan', 'Jumper', 'Turtleneck', 'Vest'],
  Dresses: ['Dress', 'Shirt Dress', 'Wrap Dress', 'Midi Dress'],
  'Coats & Jackets': ['Coat', 'Parka', 'Jacket', 'Trench Coat', 'Overshirt'],
  Trousers: ['Trousers', 'Chinos', 'Jeans', 'Joggers'],
  'Shirts & Blouses': ['Blouse', 'Shirt', 'Tunic'],
  Shirts: ['Oxford Shirt', 'Shirt', 'Flannel Shirt'],
  'T-Shirts': ['T-Shirt', 'Polo', 'Henley'],
  Baby: ['Bodysuit', 'Romper', 'Blanket'],
  Girls: ['Dress', 'Cardigan', 'Leggings'],
  Boys: ['Hoodie', 'Shorts', 'Jacket'],
  Boots: ['Chelsea Boots', 'Hiking Boots', 'Ankle Boots'],
  Sneakers: ['Sneakers', 'Runners', 'High Tops'],
  Sandals: ['Sandals', 'Slides', 'Espadrilles'],
  Bags: ['Tote Bag', 'Backpack', 'Weekender', 'Crossbody Bag'],
  Scarves: ['Scarf', 'Snood', 'Wrap'],
  Hats: ['Beanie', 'Cap', 'Bucket Hat'],
  Belts: ['Belt', 'Braided Belt'],
  Bedding: ['Duvet Cover', 'Pillowcase Set', 'Throw'],
  Kitchen: ['Apron', 'Tea Towel Set', 'Oven Mitt'],
  Decor: ['Cushion Cover', 'Rug', 'Basket'],
};
const COLOURS = ['Black', 'Navy', 'Oatmeal', 'Forest', 'Rust', 'Grey Marl', 'Ecru', 'Burgundy', 'Camel', 'Olive'];
const SIZES: Record<string, string[]> = {
  apparel: ['XS', 'S', 'M', 'L', 'XL'],
  shoes: ['38', '39', '40', '41', '42', '43', '44'],
  one: [],
};

/** Deterministic: the same seed and count give the same shop, so benchmark runs are comparable. */
export function* demoProducts(count: number, seed = 42): Generator<DemoProduct> {
  const r = seededRandom(seed);
  const leaves = Object.entries(CATEGORY_TREE).flatMap(([root, kids]) => kids.map((k) => ({ root, leaf: k })));
  for (let i = 0; i < count; i++) {
    const { root, leaf } = r.pick(leaves);
    const noun = r.pick(NOUNS[leaf]);
    const material = r.pick(MATERIALS);
    const title = `${r.pick(ADJECTIVES)} ${material} ${noun}`;
    const sizeKind = root === 'Shoes' ? 'shoes' : ['Accessories', 'Home'].includes(root) ? 'one' : 'apparel';
    const sizes = SIZES[sizeKind].length ? SIZES[sizeKind].slice(0, r.int(2, SIZES[sizeKind].length)) : [];
    const colours = Array.from(new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(COLOURS))));
    const options = [{ name: 'Colour', values: colours }, ...(sizes.length ? [{ name: 'Size', values: sizes }] : [])];
    const base = r.int(9, 299) * 100 - 1; // x.99
    const variants: DemoProduct['variants'] = [];
    for (const colour of colours) {
      for (const size of sizes.length ? sizes : [undefined]) {
        const eur = base + (size && ['XL', '44'].includes(size) ? 500 : 0);
        const empty = r.chance(0.06);
        variants.push({
          sku: `D${seed}-${String(i).padStart(6, '0')}-${variants.length}`,
          options: { Colour: colour, ...(size ? { Size: size } : {}) },
          eur,
          usd: Math.round((eur * 1.08) / 100) * 100 - 1,
          stock: empty ? [0, 0] : [r.int(0, 40), r.int(0, 25)],
        });
      }
    }
    yield {
      title,
      handle: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${seed}-${i}`,
      description: `A ${title.toLowerCase()} in ${material.toLowerCase()}, made to last. ${r.pick(['Machine washable.', 'Hand wash only.', 'Responsibly sourced.', 'Made in Portugal.', 'Made in Scotland.'])}`,
      category: `${root}/${leaf}`,
      collections: COLLECTIONS.filter(() => r.chance(0.15)),
      options,
      variants,
      image: `https://images.tessera.example/demo/${seed}/${i}.jpg`,
    };
  }
}
