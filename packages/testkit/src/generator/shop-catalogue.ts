/** A product the generated shop sells. Prices are in TRY kuruş; other markets convert and round. */
export interface CatalogueProduct {
  sku: string;
  family: string;
  titles: { tr: string; en: string };
  priceTry: number;
  taxClass: 'standard' | 'reduced';
  tags: string[];
  vendor: string;
  /** Skus usually bought with this one. */
  boughtWith: string[];
  variants?: string[];
  /** Engraved or made to order (outside the statutory right of withdrawal). */
  personalised?: boolean;
}

/** Where customers live: currency, language, tax, names and the small facts of daily commerce. */
export interface Market {
  countryCode: string;
  currency: 'TRY' | 'EUR' | 'USD';
  language: 'tr' | 'en';
  locale: string;
  share: number;
  /** Decimal factor from TRY to the market's currency. */
  fromTry: string;
  taxesIncluded: boolean;
  taxTitle: string;
  taxRates: { standard: string; reduced: string };
  shippingPrice: number;
  freeShippingFrom: number;
  shippingTitle: string;
  freeShippingTitle: string;
  firstNames: string[];
  lastNames: string[];
  streets: string[];
  cities: string[];
  mailDomains: string[];
  phonePrefix: string;
  carriers: string[];
  gateways: string[];
  discountCodes: string[];
  refundNotes: string[];
}

const sizes = ['S', 'M', 'L', 'XL'];

export const catalogue: readonly CatalogueProduct[] = [
  {
    sku: 'SHIRT-LINEN',
    family: 'apparel',
    titles: { tr: 'Keten gömlek', en: 'Linen shirt' },
    priceTry: 89_900,
    taxClass: 'reduced',
    tags: ['summer'],
    vendor: 'Ege Tekstil',
    boughtWith: ['TIE-SILK', 'BELT-LEATHER'],
    variants: sizes,
  },
  {
    sku: 'TIE-SILK',
    family: 'apparel',
    titles: { tr: 'İpek kravat', en: 'Silk tie' },
    priceTry: 34_950,
    taxClass: 'reduced',
    tags: [],
    vendor: 'Bursa İpek',
    boughtWith: ['SHIRT-LINEN'],
  },
  {
    sku: 'BELT-LEATHER',
    family: 'apparel',
    titles: { tr: 'Deri kemer', en: 'Leather belt' },
    priceTry: 45_000,
    taxClass: 'reduced',
    tags: [],
    vendor: 'Ege Tekstil',
    boughtWith: [],
    variants: ['90', '100', '110'],
  },
  {
    sku: 'DRESS-SUMMER',
    family: 'apparel',
    titles: { tr: 'Yazlık elbise', en: 'Summer dress' },
    priceTry: 129_900,
    taxClass: 'reduced',
    tags: ['summer', 'final-sale'],
    vendor: 'Ege Tekstil',
    boughtWith: ['SANDAL'],
    variants: sizes,
  },
  {
    sku: 'SANDAL',
    family: 'shoes',
    titles: { tr: 'Deri sandalet', en: 'Leather sandals' },
    priceTry: 99_900,
    taxClass: 'reduced',
    tags: ['summer'],
    vendor: 'Anadolu Ayakkabı',
    boughtWith: [],
    variants: ['37', '38', '39', '40', '41'],
  },
  {
    sku: 'SNEAKER',
    family: 'shoes',
    titles: { tr: 'Spor ayakkabı', en: 'Sneakers' },
    priceTry: 249_900,
    taxClass: 'reduced',
    tags: [],
    vendor: 'Anadolu Ayakkabı',
    boughtWith: ['SOCKS-3'],
    variants: ['40', '41', '42', '43', '44'],
  },
  {
    sku: 'SOCKS-3',
    family: 'shoes',
    titles: { tr: 'Çorap (3 çift)', en: 'Socks (3 pairs)' },
    priceTry: 14_990,
    taxClass: 'reduced',
    tags: ['hygiene'],
    vendor: 'Anadolu Ayakkabı',
    boughtWith: [],
  },
  {
    sku: 'PHONE-CASE',
    family: 'electronics',
    titles: { tr: 'Telefon kılıfı', en: 'Phone case' },
    priceTry: 29_900,
    taxClass: 'standard',
    tags: [],
    vendor: 'Teknopark',
    boughtWith: ['SCREEN-GUARD', 'CHARGER-20W'],
  },
  {
    sku: 'SCREEN-GUARD',
    family: 'electronics',
    titles: { tr: 'Ekran koruyucu', en: 'Screen protector' },
    priceTry: 19_900,
    taxClass: 'standard',
    tags: [],
    vendor: 'Teknopark',
    boughtWith: [],
  },
  {
    sku: 'CHARGER-20W',
    family: 'electronics',
    titles: { tr: '20W şarj adaptörü', en: '20W charger' },
    priceTry: 54_900,
    taxClass: 'standard',
    tags: [],
    vendor: 'Teknopark',
    boughtWith: ['CABLE-USBC'],
  },
  {
    sku: 'CABLE-USBC',
    family: 'electronics',
    titles: { tr: 'USB-C kablo', en: 'USB-C cable' },
    priceTry: 17_500,
    taxClass: 'standard',
    tags: [],
    vendor: 'Teknopark',
    boughtWith: [],
  },
  {
    sku: 'EARBUDS',
    family: 'electronics',
    titles: { tr: 'Kablosuz kulaklık', en: 'Wireless earbuds' },
    priceTry: 349_900,
    taxClass: 'standard',
    tags: ['hygiene'],
    vendor: 'Teknopark',
    boughtWith: ['PHONE-CASE'],
  },
  {
    sku: 'COFFEE-1KG',
    family: 'grocery',
    titles: { tr: 'Türk kahvesi 1 kg', en: 'Turkish coffee 1 kg' },
    priceTry: 64_000,
    taxClass: 'reduced',
    tags: ['perishable'],
    vendor: 'Kahveci',
    boughtWith: ['CEZVE'],
  },
  {
    sku: 'CEZVE',
    family: 'grocery',
    titles: { tr: 'Bakır cezve', en: 'Copper coffee pot' },
    priceTry: 42_500,
    taxClass: 'standard',
    tags: [],
    vendor: 'Kahveci',
    boughtWith: ['COFFEE-1KG'],
  },
  {
    sku: 'TEA-GLASS-6',
    family: 'home',
    titles: { tr: 'Çay bardağı (6 adet)', en: 'Tea glasses (set of 6)' },
    priceTry: 27_900,
    taxClass: 'standard',
    tags: ['fragile'],
    vendor: 'Paşabahçe Atölye',
    boughtWith: ['TEAPOT'],
  },
  {
    sku: 'TEAPOT',
    family: 'home',
    titles: { tr: 'Çaydanlık', en: 'Double teapot' },
    priceTry: 89_000,
    taxClass: 'standard',
    tags: [],
    vendor: 'Paşabahçe Atölye',
    boughtWith: ['TEA-GLASS-6'],
  },
  {
    sku: 'TOWEL-PESHTEMAL',
    family: 'home',
    titles: { tr: 'Peştemal', en: 'Peshtemal towel' },
    priceTry: 39_900,
    taxClass: 'reduced',
    tags: ['summer'],
    vendor: 'Denizli Dokuma',
    boughtWith: [],
  },
  {
    sku: 'RING-SILVER',
    family: 'jewellery',
    titles: { tr: 'Gümüş yüzük (isim yazılı)', en: 'Engraved silver ring' },
    priceTry: 159_900,
    taxClass: 'standard',
    tags: ['personalised'],
    vendor: 'Kapalıçarşı Gümüş',
    boughtWith: ['BOX-GIFT'],
    variants: ['14', '16', '18'],
    personalised: true,
  },
  {
    sku: 'BOX-GIFT',
    family: 'jewellery',
    titles: { tr: 'Hediye kutusu', en: 'Gift box' },
    priceTry: 9_900,
    taxClass: 'standard',
    tags: [],
    vendor: 'Kapalıçarşı Gümüş',
    boughtWith: [],
  },
  {
    sku: 'BOOK-RECIPES',
    family: 'books',
    titles: { tr: 'Anadolu mutfağı', en: 'Anatolian kitchen' },
    priceTry: 52_000,
    taxClass: 'reduced',
    tags: [],
    vendor: 'Kitapçı',
    boughtWith: ['CEZVE'],
  },
];

export const markets: readonly Market[] = [
  {
    countryCode: 'TR',
    currency: 'TRY',
    language: 'tr',
    locale: 'tr-TR',
    share: 0.5,
    fromTry: '1',
    taxesIncluded: true,
    taxTitle: 'KDV',
    taxRates: { standard: '0.2', reduced: '0.1' },
    shippingPrice: 4_990,
    freeShippingFrom: 100_000,
    shippingTitle: 'Standart kargo',
    freeShippingTitle: 'Ücretsiz kargo',
    firstNames: [
      'Ayşe',
      'Fatma',
      'Elif',
      'Zeynep',
      'Mehmet',
      'Mustafa',
      'Ahmet',
      'Emre',
      'Şule',
      'Gökhan',
      'İrem',
      'Çağla',
      'Burak',
      'Özge',
    ],
    lastNames: [
      'Yılmaz',
      'Kaya',
      'Demir',
      'Şahin',
      'Çelik',
      'Yıldız',
      'Öztürk',
      'Aydın',
      'Arslan',
      'Doğan',
      'Güneş',
      'Koç',
    ],
    streets: [
      'Atatürk Caddesi',
      'Bağdat Caddesi',
      'İstiklal Caddesi',
      'Cumhuriyet Bulvarı',
      'Gazi Mustafa Kemal Bulvarı',
    ],
    cities: ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Eskişehir'],
    mailDomains: ['gmail.com', 'hotmail.com', 'yandex.com.tr'],
    phonePrefix: '+90532',
    carriers: ['Yurtiçi Kargo', 'Aras Kargo', 'MNG Kargo'],
    gateways: ['iyzico', 'paytr'],
    discountCodes: ['HOSGELDIN10', 'YAZ20', 'SADAKAT15'],
    refundNotes: ['Beden uymadı', 'Ürün hasarlı geldi', 'Vazgeçtim'],
  },
  {
    countryCode: 'DE',
    currency: 'EUR',
    language: 'en',
    locale: 'de-DE',
    share: 0.2,
    fromTry: '0.022',
    taxesIncluded: true,
    taxTitle: 'MwSt',
    taxRates: { standard: '0.19', reduced: '0.07' },
    shippingPrice: 690,
    freeShippingFrom: 6_000,
    shippingTitle: 'Standard shipping',
    freeShippingTitle: 'Free shipping',
    firstNames: ['Anna', 'Lukas', 'Mia', 'Jonas', 'Lea', 'Felix', 'Deniz', 'Can'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Yılmaz', 'Becker'],
    streets: ['Hauptstraße', 'Schillerstraße', 'Gartenweg'],
    cities: ['Berlin', 'Köln', 'München', 'Hamburg'],
    mailDomains: ['gmx.de', 'web.de', 'gmail.com'],
    phonePrefix: '+49151',
    carriers: ['DHL', 'Hermes'],
    gateways: ['stripe', 'paypal'],
    discountCodes: ['WELCOME10', 'SUMMER20'],
    refundNotes: ['Wrong size', 'Arrived damaged', 'Changed my mind'],
  },
  {
    countryCode: 'NL',
    currency: 'EUR',
    language: 'en',
    locale: 'nl-NL',
    share: 0.1,
    fromTry: '0.022',
    taxesIncluded: true,
    taxTitle: 'BTW',
    taxRates: { standard: '0.21', reduced: '0.09' },
    shippingPrice: 595,
    freeShippingFrom: 5_000,
    shippingTitle: 'Standard shipping',
    freeShippingTitle: 'Free shipping',
    firstNames: ['Daan', 'Emma', 'Sem', 'Julia', 'Lars', 'Sophie'],
    lastNames: ['de Jong', 'Jansen', 'de Vries', 'Bakker', 'Visser'],
    streets: ['Kerkstraat', 'Dorpsstraat', 'Molenweg'],
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht'],
    mailDomains: ['ziggo.nl', 'gmail.com'],
    phonePrefix: '+31612',
    carriers: ['PostNL', 'DHL'],
    gateways: ['mollie', 'stripe'],
    discountCodes: ['WELCOME10'],
    refundNotes: ['Wrong size', 'Not as described'],
  },
  {
    countryCode: 'US',
    currency: 'USD',
    language: 'en',
    locale: 'en-US',
    share: 0.2,
    fromTry: '0.0244',
    taxesIncluded: false,
    taxTitle: 'Sales tax',
    taxRates: { standard: '0.08875', reduced: '0.045' },
    shippingPrice: 799,
    freeShippingFrom: 7_500,
    shippingTitle: 'Ground shipping',
    freeShippingTitle: 'Free ground shipping',
    firstNames: ['Emily', 'James', 'Olivia', 'Michael', 'Sophia', 'Daniel', 'Ava', 'Ethan'],
    lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis'],
    streets: ['Main Street', 'Oak Avenue', 'Maple Drive', '5th Avenue'],
    cities: ['New York', 'Austin', 'Chicago', 'Seattle'],
    mailDomains: ['gmail.com', 'outlook.com', 'yahoo.com'],
    phonePrefix: '+1212',
    carriers: ['UPS', 'USPS', 'FedEx'],
    gateways: ['stripe', 'paypal'],
    discountCodes: ['WELCOME10', 'BLACKFRIDAY20'],
    refundNotes: ['Wrong size', 'Arrived damaged', 'Changed my mind'],
  },
];
