import type { ArticleInput, KnowledgeLanguage } from '../src/index.js';
import { englishFaq } from '../test/fixtures/faq-corpus-en.js';
import { turkishFaq } from '../test/fixtures/faq-corpus-tr.js';
import type { FixtureArticle } from '../test/fixtures/fixture-article.js';

/** A small deterministic pseudo-random generator (mulberry32), so every run indexes the same articles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const products: Record<KnowledgeLanguage, string[]> = {
  tr: [
    'elbise',
    'gömlek',
    'pantolon',
    'etek',
    'ceket',
    'mont',
    'kazak',
    'tişört',
    'ayakkabı',
    'bot',
    'sandalet',
    'çanta',
    'cüzdan',
    'kemer',
    'şapka',
    'atkı',
    'eldiven',
    'pijama',
    'nevresim',
    'yastık',
    'yorgan',
    'havlu',
    'bornoz',
    'halı',
    'perde',
    'tabak',
    'bardak',
    'tencere',
    'tava',
    'bıçak',
    'kahve makinesi',
    'blender',
    'ütü',
    'lamba',
    'saat',
    'gözlük',
  ],
  en: [
    'dress',
    'shirt',
    'trousers',
    'skirt',
    'jacket',
    'coat',
    'jumper',
    't-shirt',
    'shoes',
    'boots',
    'sandals',
    'bag',
    'wallet',
    'belt',
    'hat',
    'scarf',
    'gloves',
    'pyjamas',
    'duvet cover',
    'pillow',
    'quilt',
    'towel',
    'bathrobe',
    'rug',
    'curtain',
    'plate',
    'glass',
    'saucepan',
    'frying pan',
    'knife',
    'coffee machine',
    'blender',
    'iron',
    'lamp',
    'watch',
    'glasses',
  ],
};
const brands = [
  'Atlas',
  'Lodos',
  'Meltem',
  'Poyraz',
  'Kuzey',
  'Ege',
  'Defne',
  'Nova',
  'Orkide',
  'Zirve',
  'Anka',
  'Bora',
  'Çınar',
  'Deniz',
  'Efes',
  'Fırat',
  'Gala',
  'Hazal',
  'Irmak',
  'Jale',
  'Kaya',
  'Lale',
  'Mavi',
  'Nil',
  'Olcay',
  'Pera',
];

type Aspect = { question: string; shortAnswer: string; answer: string; category: string; tags: string[] };
const aspects: Record<KnowledgeLanguage, Aspect[]> = {
  tr: [
    {
      question: '{p} nasıl yıkanır?',
      shortAnswer: '{p} 30 derecede hassas programda yıkanmalıdır.',
      answer:
        'Ters çevirip benzer renklerle yıkayın, ağartıcı kullanmayın ve düz zeminde kurutun. Ütü sıcaklığı etiketteki noktaları geçmemeli.',
      category: 'Bakım',
      tags: ['yıkama', 'bakım talimatı'],
    },
    {
      question: '{p} hangi malzemeden yapılmış?',
      shortAnswer: '{p} yüzde yüz organik pamuktan üretilir.',
      answer:
        'Kumaş sertifikalı organik pamuktur; astar polyester içerir. Malzeme bilgisi ürün etiketinde ve ürün sayfasında yer alır.',
      category: 'Ürün bilgisi',
      tags: ['malzeme', 'kumaş', 'içerik'],
    },
    {
      question: '{p} kalıbı dar mı, hangi bedeni seçmeliyim?',
      shortAnswer: '{p} normal kalıptır; iki beden arasındaysanız büyüğünü seçin.',
      answer:
        'Beden tablosundaki göğüs, bel ve basen ölçülerini kendi ölçülerinizle karşılaştırın. Model 1,78 boyunda ve M beden giymektedir.',
      category: 'Beden ve ölçü',
      tags: ['beden tablosu', 'kalıp', 'ölçü'],
    },
    {
      question: '{p} için garanti süresi nedir?',
      shortAnswer: '{p} iki yıl üretici garantilidir.',
      answer:
        'Garanti belgesi kutudan çıkar; yetkili servis listesi üretici sitesindedir. Kullanıcı hatasından kaynaklanan kırılmalar garanti dışıdır.',
      category: 'Garanti',
      tags: ['garanti', 'yetkili servis'],
    },
    {
      question: '{p} bulaşık makinesinde yıkanabilir mi?',
      shortAnswer: '{p} bulaşık makinesine uygundur, en üst rafa yerleştirin.',
      answer:
        'Yüksek sıcaklıkta uzun programlar parlaklığı azaltabilir. Metal yüzeyli ürünleri elde yıkamanızı öneririz.',
      category: 'Bakım',
      tags: ['bulaşık makinesi', 'temizlik'],
    },
    {
      question: '{p} ne zaman tekrar stoğa girer?',
      shortAnswer: '{p} için stok bildirimi açabilirsiniz.',
      answer:
        'Tükenen ürünler genellikle iki ila dört hafta içinde yeniden stoklanır. Ürün sayfasındaki "Gelince haber ver" düğmesiyle e-posta bildirimi alırsınız.',
      category: 'Stok',
      tags: ['stok', 'tükendi', 'ön sipariş'],
    },
    {
      question: '{p} montaj gerektiriyor mu?',
      shortAnswer: '{p} kolay montajlıdır, gerekli parçalar kutudan çıkar.',
      answer:
        'Kurulum kılavuzundaki adımları izleyin; montaj yaklaşık yirmi dakika sürer. Elektrikli ürünlerde fişi takmadan önce kabloları kontrol edin.',
      category: 'Kurulum',
      tags: ['montaj', 'kurulum', 'kılavuz'],
    },
    {
      question: '{p} enerji tüketimi ne kadar?',
      shortAnswer: '{p} A sınıfı enerji verimliliğine sahiptir.',
      answer:
        'Ortalama güç tüketimi etiket üzerinde watt cinsinden yazar. Bekleme modunda tüketim yarım wattın altındadır.',
      category: 'Ürün bilgisi',
      tags: ['enerji', 'elektrik', 'watt'],
    },
  ],
  en: [
    {
      question: 'How do I wash the {p}?',
      shortAnswer: 'Wash the {p} at 30 degrees on a delicate cycle.',
      answer:
        'Turn it inside out, wash with similar colours, do not bleach and dry flat. Iron no hotter than the dots on the label.',
      category: 'Care',
      tags: ['washing', 'care instructions'],
    },
    {
      question: 'What is the {p} made of?',
      shortAnswer: 'The {p} is made of one hundred percent organic cotton.',
      answer:
        'The fabric is certified organic cotton; the lining contains polyester. Material details are on the care label and the product page.',
      category: 'Product details',
      tags: ['material', 'fabric', 'composition'],
    },
    {
      question: 'Does the {p} run small, which size should I pick?',
      shortAnswer: 'The {p} is true to size; between two sizes, take the larger.',
      answer:
        'Compare your chest, waist and hip measurements with the size chart. The model is 1.78 m tall and wears a medium.',
      category: 'Size and fit',
      tags: ['size chart', 'fit', 'measurements'],
    },
    {
      question: 'What is the warranty period for the {p}?',
      shortAnswer: 'The {p} has a two-year manufacturer warranty.',
      answer:
        "The warranty card is in the box; the list of authorised repairers is on the maker's site. Breakage caused by misuse is not covered.",
      category: 'Warranty',
      tags: ['warranty', 'repair centre'],
    },
    {
      question: 'Is the {p} dishwasher safe?',
      shortAnswer: 'The {p} is dishwasher safe on the top rack.',
      answer: 'Long hot cycles may dull the finish. We recommend washing metal items by hand.',
      category: 'Care',
      tags: ['dishwasher', 'cleaning'],
    },
    {
      question: 'When will the {p} be back in stock?',
      shortAnswer: 'Sign up for a back-in-stock alert for the {p}.',
      answer:
        'Sold-out items are usually restocked within two to four weeks. Use "Notify me" on the product page to get an e-mail.',
      category: 'Stock',
      tags: ['stock', 'sold out', 'pre-order'],
    },
    {
      question: 'Does the {p} need assembly?',
      shortAnswer: 'The {p} is easy to assemble and comes with every part.',
      answer:
        'Follow the steps in the assembly guide; it takes about twenty minutes. For electrical items check the cables before plugging in.',
      category: 'Assembly',
      tags: ['assembly', 'installation', 'manual'],
    },
    {
      question: 'How much energy does the {p} use?',
      shortAnswer: 'The {p} is rated A for energy efficiency.',
      answer: 'Average power use is printed on the label in watts. Standby use is below half a watt.',
      category: 'Product details',
      tags: ['energy', 'electricity', 'watts'],
    },
  ],
};

/**
 * `count` articles in Turkish and English (half each), as a large shop's FAQ looks: most are product
 * questions (care, material, size, warranty, stock, assembly, energy) about one product line
 * (`Atlas 17 elbise`), and one in four restates a question of the demo FAQ for a product line. Every
 * run makes the same articles.
 */
export function generateArticles(count: number, shopId: string, seed = 11): ArticleInput[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const articles: ArticleInput[] = [];
  for (let index = 0; index < count; index++) {
    const language: KnowledgeLanguage = index % 2 === 0 ? 'tr' : 'en';
    const product = `${pick(brands)} ${10 + Math.floor(random() * 490)} ${pick(products[language])}`;
    const common = {
      shopId,
      id: `kb_bench-${index}`,
      language,
      author: 'merchant:bench',
      lastReviewedAt: '2026-10-01T00:00:00Z',
    };
    if (random() < 0.25) {
      const base: FixtureArticle = pick(language === 'tr' ? turkishFaq : englishFaq);
      articles.push({
        ...common,
        question: `${product}: ${base.question}`,
        shortAnswer: base.shortAnswer,
        answer: base.answer,
        categories: base.categories,
        tags: [...base.tags, product],
        policyLinks: base.policyAnchors.map((anchor) => ({ anchor })),
      });
      continue;
    }
    const aspect = pick(aspects[language]);
    const fill = (text: string) => text.replaceAll('{p}', product);
    articles.push({
      ...common,
      question: fill(aspect.question),
      shortAnswer: fill(aspect.shortAnswer),
      answer: `${aspect.answer} (SKU P${100_000 + index})`,
      categories: [aspect.category],
      tags: [...aspect.tags, product],
    });
  }
  return articles;
}
